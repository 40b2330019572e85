namespace L7Gate.Proxy.Streams;

/// <summary>The listener, cluster and destination of one relayed connection, for its metrics and logs.</summary>
/// <param name="Listener">Listener name.</param>
/// <param name="Cluster">Cluster id.</param>
/// <param name="Destination">Destination id.</param>
public readonly record struct StreamTags(string Listener, string Cluster, string Destination);
