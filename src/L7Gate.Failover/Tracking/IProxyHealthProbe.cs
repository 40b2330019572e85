namespace L7Gate.Failover.Tracking;

/// <summary>
/// The gateway's own health as the failover engine sees it (keepalived's track_script, in-process):
/// true when the proxy listener is alive and every tracked cluster has an available destination.
/// The host supplies the one implementation; the engine applies TrackProxy's Weight, Rise and Fall.
/// </summary>
public interface IProxyHealthProbe
{
    ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
