using System.Net.Http;

namespace L7Gate.Proxy.Streams.Health;

/// <summary>
/// Outermost handler of every cluster's client: runs a <see cref="StreamProbeRequest"/> itself (no HTTP is sent);
/// anything else passes through untouched (a type test, nothing allocated).
/// </summary>
internal sealed class StreamProbeHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request is StreamProbeRequest probe ? probe.Prober.ProbeAsync(probe, cancellationToken) : base.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request is StreamProbeRequest probe ? probe.Prober.ProbeAsync(probe, cancellationToken).GetAwaiter().GetResult() : base.Send(request, cancellationToken);
}
