using L7Gate.Failover.Options;

namespace L7Gate.Failover.Tracking;

/// <summary>Runs a track script once (a child process in production).</summary>
public interface ITrackScriptExecutor
{
    /// <summary>
    /// Runs <paramref name="script"/> to completion or until its timeout, then kills its process tree. Never throws
    /// for the script's own failures: they are a failed result.
    /// </summary>
    Task<TrackScriptResult> RunAsync(TrackScriptOptions script, CancellationToken cancellationToken);
}
