using L7Gate.Failover.Control;
using L7Gate.Failover.Options;
using L7Gate.Failover.StateMachine;
using Microsoft.Extensions.Options;

namespace L7Gate.Failover;

/// <summary>
/// The failover control the admin API uses: maintenance on a master hands over like a planned stop does, keeping
/// the instance's VIPs on the interface for the drain grace after the peer took over, so requests in flight here
/// still get their responses out; the process keeps running, so nothing else needs draining. The VIP removal runs in
/// the background and the admin call returns once the handover itself is done.
/// </summary>
internal sealed partial class DrainingFailoverControl(
    IFailoverControl inner,
    DrainAwareVipManager vips,
    IOptions<FailoverOptions> options,
    TimeProvider time,
    ILogger<DrainingFailoverControl> logger) : IFailoverControl
{
    private Task _lastRelease = Task.CompletedTask;

    public IReadOnlyList<FailoverInstanceStatus> Instances => inner.Instances;

    /// <summary>The background VIP removal of the latest maintenance handover (for tests).</summary>
    internal Task LastRelease => Volatile.Read(ref _lastRelease);

    public async Task<bool> EnterMaintenanceAsync(string instance, CancellationToken cancellationToken)
    {
        var wasMaster = inner.Instances.Any(i => string.Equals(i.Name, instance, StringComparison.Ordinal) && i.State == VrrpState.Master);
        if (!wasMaster)
        {
            return await inner.EnterMaintenanceAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        vips.Hold();
        bool entered;
        try
        {
            entered = await inner.EnterMaintenanceAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await vips.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        Volatile.Write(ref _lastRelease, ReleaseAfterGraceAsync(instance));
        return entered;
    }

    public Task<bool> LeaveMaintenanceAsync(string instance, CancellationToken cancellationToken) =>
        inner.LeaveMaintenanceAsync(instance, cancellationToken);

    private async Task ReleaseAfterGraceAsync(string instance)
    {
        try
        {
            await Task.Delay(HandoverDrain.Grace(options.Value), time).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                var released = await vips.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
                LogReleased(logger, instance, released);
            }
            catch (Exception ex)
            {
                // The next takeover or start cleans up a VIP left behind; the node must not fall over for it.
                LogReleaseFailed(logger, ex, instance);
            }
        }
    }

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "Maintenance of {Instance}: handed over, drain grace over, {Count} VIPs removed")]
    private static partial void LogReleased(ILogger logger, string instance, int count);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Error, Message = "Maintenance of {Instance}: removing the VIPs after the drain grace failed")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string instance);
}
