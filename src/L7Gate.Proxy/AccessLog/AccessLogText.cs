using System.Net;
using System.Security.Authentication;

namespace L7Gate.Proxy.AccessLog;

/// <summary>Text forms shared by the formats.</summary>
internal static class AccessLogText
{
    /// <summary>An IPv4 client on a dual-stack socket shows as "192.0.2.1", not "::ffff:192.0.2.1".</summary>
    public static string Address(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>nginx's <c>$ssl_protocol</c> spelling ("TLSv1.3").</summary>
    public static string Tls(SslProtocols protocol) => protocol switch
    {
#pragma warning disable SYSLIB0039 // old protocols are named, not enabled
        SslProtocols.Tls => "TLSv1",
        SslProtocols.Tls11 => "TLSv1.1",
#pragma warning restore SYSLIB0039
        SslProtocols.Tls12 => "TLSv1.2",
        SslProtocols.Tls13 => "TLSv1.3",
        _ => protocol.ToString(),
    };
}
