using System.Collections.Concurrent;
using L7Gate.Failover.Notify;

namespace L7Gate.Failover.Tests.Fakes;

internal sealed class RecordingNotifyScriptRunner : INotifyScriptRunner
{
    public ConcurrentQueue<(string Path, string[] Arguments)> Started { get; } = new();

    public void Start(string instance, string path, IReadOnlyList<string> arguments, TimeSpan timeout) => Started.Enqueue((path, arguments.ToArray()));
}
