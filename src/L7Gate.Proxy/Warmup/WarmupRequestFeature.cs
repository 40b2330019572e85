using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Warmup;

/// <summary>Set on a warm-up request; the proxy pipeline then sends it to <see cref="Sink"/> instead of the cluster.</summary>
/// <param name="Sink">The loopback destination that answers warm-up requests.</param>
public sealed record WarmupRequestFeature(DestinationState Sink);
