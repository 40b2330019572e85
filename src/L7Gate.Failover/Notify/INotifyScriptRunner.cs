namespace L7Gate.Failover.Notify;

/// <summary>Starts a notify script without waiting for it (process start in production, a recorder in tests).</summary>
public interface INotifyScriptRunner
{
    /// <summary>Starts <paramref name="path"/> with <paramref name="arguments"/>; must return at once and never throw.</summary>
    void Start(string instance, string path, IReadOnlyList<string> arguments, TimeSpan timeout);
}
