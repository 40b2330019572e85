using L7Gate.Failover.Tracking;

namespace L7Gate.Failover.Tests.Fakes;

internal sealed class FakeProxyHealthProbe : IProxyHealthProbe
{
    private int _calls;

    public volatile bool Healthy = true;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(Healthy);
    }
}
