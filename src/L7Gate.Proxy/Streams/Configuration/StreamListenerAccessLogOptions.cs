namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>
/// A listener's <c>AccessLog</c> key: <c>{ "Enabled": false }</c> leaves its connections out of the access log (a
/// busy health-checked port; HAProxy without <c>option tcplog</c>, nginx <c>access_log off</c> in a <c>stream</c> server).
/// Same shape as a route's <c>AccessLog</c> key.
/// </summary>
public sealed class StreamListenerAccessLogOptions
{
    /// <summary>Whether this listener's connections are logged when the access log is on (<c>AccessLog:Enabled</c>). Defaults to true.</summary>
    public bool Enabled { get; set; } = true;
}
