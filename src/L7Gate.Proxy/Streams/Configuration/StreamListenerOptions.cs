namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>One L4 listener (<c>Streams:Listeners:&lt;name&gt;</c>): HAProxy's <c>frontend … mode tcp</c> plus its <c>timeout</c> lines.</summary>
public sealed class StreamListenerOptions
{
    /// <summary>Defaults to 1 h: long enough for <c>kubectl get -w</c> and <c>logs -f</c> (kind's choice; HAProxy's kubeadm example uses 35 s client/server timeouts, which cut quiet watches).</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromHours(1);

    /// <summary>Defaults to 5 s (HAProxy's kubeadm example: <c>timeout connect 5s</c>).</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Defaults to 30 s (the host's default shutdown timeout).</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Defaults to 10,000 (of the order of HAProxy's <c>maxconn</c> on a small box; nginx <c>worker_connections</c> is 512 per worker).</summary>
    public const int DefaultMaxConnections = 10_000;

    /// <summary>Addresses to bind: <c>"0.0.0.0:6443"</c>, <c>"[::]:6443"</c>, <c>"192.0.2.10:6443"</c>, <c>"*:6443"</c> (every address, IPv4 and IPv6), <c>"localhost:6443"</c>. HAProxy <c>bind</c>, nginx <c>listen</c>.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>The YARP cluster (<c>ReverseProxy:Clusters</c>) for connections without a matching SNI name; without it such connections are closed.</summary>
    public string? ClusterId { get; set; }

    /// <summary>TLS server name (from the ClientHello, TLS not terminated) to cluster: exact names and <c>*.example.com</c> wildcards; exact wins. nginx <c>ssl_preread</c> + <c>map $ssl_preread_server_name</c>.</summary>
    public Dictionary<string, string> Sni { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A connection with no byte in either direction for this long is closed (HAProxy <c>timeout client</c>/<c>timeout server</c>, nginx <c>proxy_timeout</c>). See <see cref="DefaultIdleTimeout"/>.</summary>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>Per destination; on timeout or refusal the next available destination is tried (HAProxy <c>timeout connect</c> + <c>retries</c>/<c>redispatch</c>, nginx <c>proxy_connect_timeout</c> + <c>proxy_next_upstream</c>). See <see cref="DefaultConnectTimeout"/>.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Connections open at once on this listener; beyond it new ones are closed at once and counted (HAProxy <c>maxconn</c>). See <see cref="DefaultMaxConnections"/>.</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>On a planned stop, after the VIP handover, established connections get this long before they are closed. See <see cref="DefaultDrainTimeout"/>.</summary>
    public TimeSpan DrainTimeout { get; set; } = DefaultDrainTimeout;

    /// <summary>PROXY protocol towards the backend and from a balancer in front.</summary>
    public ProxyProtocolOptions ProxyProtocol { get; set; } = new();

    /// <summary>One access-log line per connection when it ends, while <c>AccessLog:Enabled</c> is on (HAProxy <c>option tcplog</c>). On by default.</summary>
    public StreamListenerAccessLogOptions AccessLog { get; set; } = new();
}
