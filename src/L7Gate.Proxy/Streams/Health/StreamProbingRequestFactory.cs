using System.Net.Http;
using L7Gate.Proxy.Streams.Balancing;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Streams.Health;

/// <summary>
/// YARP's probe-request factory with the L4 kinds: for a cluster whose <c>HealthCheck.Active.Policy</c> is
/// TcpConnect or TlsHandshake a <see cref="StreamProbeRequest"/> to the destination's <c>Health</c> address (else its
/// <c>Address</c>); for every other cluster YARP's own HTTP probe request.
/// </summary>
internal sealed class StreamProbingRequestFactory(IProbingRequestFactory http, StreamProber prober) : IProbingRequestFactory
{
    public HttpRequestMessage CreateRequest(ClusterModel cluster, DestinationModel destination)
    {
        var config = cluster.Config;
        var kind = config.HealthCheck?.Active?.Policy;
        if (!StreamProbeKinds.IsStreamKind(kind))
        {
            return http.CreateRequest(cluster, destination);
        }

        var address = !string.IsNullOrEmpty(destination.Config.Health) ? destination.Config.Health : destination.Config.Address;
        if (!StreamDestinationAddress.TryParse(address, out var host, out var port))
        {
            throw new ArgumentException($"{kind} probe: destination address '{address}' has no host:port");
        }

        var targetHost = !string.IsNullOrEmpty(destination.Config.Host) ? destination.Config.Host : host;
        return new StreamProbeRequest(prober, kind!, host, port, targetHost, config.HttpClient?.DangerousAcceptAnyServerCertificate ?? false);
    }
}
