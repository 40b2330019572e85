namespace L7Gate.Proxy.AccessLog;

/// <summary>A route's <c>AccessLog</c> key: <c>{ "Enabled": false }</c> leaves its requests out of the access log
/// (health checks, noisy polling; nginx <c>access_log off</c> in a location).</summary>
public sealed class RouteAccessLogOptions
{
    /// <summary>Whether this route's requests are logged when the access log is on. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;
}
