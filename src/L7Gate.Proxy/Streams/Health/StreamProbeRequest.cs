using System.Net.Http;

namespace L7Gate.Proxy.Streams.Health;

/// <summary>
/// A TcpConnect or TlsHandshake probe, handed to YARP's active monitor as a request so YARP schedules, times out
/// and judges it like its own HTTP probes; <see cref="StreamProbeHandler"/> at the head of the cluster's client runs
/// it without sending any HTTP.
/// </summary>
internal sealed class StreamProbeRequest : HttpRequestMessage
{
    public StreamProbeRequest(StreamProber prober, string kind, string host, int port, string targetHost, bool acceptAnyCertificate)
        : base(HttpMethod.Get, new UriBuilder(string.Equals(kind, StreamProbeKinds.TlsHandshake, StringComparison.OrdinalIgnoreCase) ? "tls" : "tcp", host, port).Uri)
    {
        Prober = prober;
        Kind = kind;
        Host = host;
        Port = port;
        TargetHost = targetHost;
        AcceptAnyCertificate = acceptAnyCertificate;
    }

    public StreamProber Prober { get; }

    /// <summary><see cref="StreamProbeKinds.TcpConnect"/> or <see cref="StreamProbeKinds.TlsHandshake"/>.</summary>
    public string Kind { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The TLS server name sent (SNI): the destination's <c>Host</c>, else the address's host.</summary>
    public string TargetHost { get; }

    /// <summary>The cluster's <c>HttpClient.DangerousAcceptAnyServerCertificate</c> (HAProxy <c>verify none</c>).</summary>
    public bool AcceptAnyCertificate { get; }
}
