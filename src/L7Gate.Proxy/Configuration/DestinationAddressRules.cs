using FluentValidation.Results;
using L7Gate.Proxy.Secrets;
using L7Gate.Proxy.Streams.Balancing;
using L7Gate.Proxy.Streams.Health;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Configuration;

/// <summary>
/// A destination's <c>Address</c> and <c>Health</c> must be absolute <c>http</c>/<c>https</c> URLs (or
/// <c>tcp://host:port</c> for an L4 cluster) with a valid port. YARP only checks that they are not empty, so a typo
/// (<c>:99999</c>, <c>htp://</c>) passed <c>--check</c> and then answered 502 to every request. Errors quote the
/// address with its userinfo redacted.
/// </summary>
internal static class DestinationAddressRules
{
    public static void Check(ClusterConfig cluster, string clusterPath, List<ValidationFailure> failures)
    {
        foreach (var (id, destination) in cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
        {
            Check(destination.Address, $"{clusterPath}:Destinations:{id}:Address", allowTcp: true, failures);
            if (!string.IsNullOrEmpty(destination.Health))
            {
                // An HTTP probe needs http(s); a TcpConnect/TlsHandshake probe only a host and port.
                var streamProbe = StreamProbeKinds.IsStreamKind(cluster.HealthCheck?.Active?.Policy);
                Check(destination.Health, $"{clusterPath}:Destinations:{id}:Health", allowTcp: streamProbe, failures);
            }
        }
    }

    private static void Check(string? address, string path, bool allowTcp, List<ValidationFailure> failures)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return; // YARP's own validator reports an empty address
        }

        var schemes = allowTcp ? "http://, https://, tcp:// or tls://" : "http:// or https://";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            failures.Add(new ValidationFailure(path,
                $"'{SecretRedactor.RedactUrlUserInfo(address)}' is not an absolute URL (a bad port or character?); use {schemes}host:port."));
            return;
        }

        var scheme = uri.Scheme;
        var known = scheme == Uri.UriSchemeHttp || scheme == Uri.UriSchemeHttps || (allowTcp && scheme is StreamDestinationAddress.TcpScheme or "tls");
        if (!known)
        {
            failures.Add(new ValidationFailure(path,
                $"'{SecretRedactor.RedactUrlUserInfo(address)}' has scheme '{scheme}'; use {schemes}host:port."));
            return;
        }

        if (scheme is StreamDestinationAddress.TcpScheme or "tls" && uri.Port <= 0)
        {
            failures.Add(new ValidationFailure(path,
                $"'{SecretRedactor.RedactUrlUserInfo(address)}' names no port; a tcp:// or tls:// destination needs one (tcp://host:port)."));
        }
    }
}
