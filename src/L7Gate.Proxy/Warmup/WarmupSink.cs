using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Warmup;

/// <summary>
/// Where warm-up requests are forwarded: the gateway's own proxy listener on loopback, where
/// <see cref="WarmupMiddleware"/> answers them. Null until the warm-up knows the listener's address.
/// </summary>
public sealed class WarmupSink
{
    /// <summary>The destination the proxy pipeline uses for warm-up requests.</summary>
    public DestinationState? Destination { get; private set; }

    /// <summary>Points the sink at <paramref name="address"/> (http://127.0.0.1:port/).</summary>
    public void Use(Uri address) =>
        Destination = new DestinationState("l7gate-warmup", new DestinationModel(new DestinationConfig { Address = address.ToString() }));
}
