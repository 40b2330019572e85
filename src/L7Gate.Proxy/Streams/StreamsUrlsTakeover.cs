namespace L7Gate.Proxy.Streams;

/// <summary>Set when <see cref="StreamsKestrelSetup"/> bound the proxy's <c>Urls</c> itself, so the host's copy of them is cleared before Kestrel starts (no "Overriding address(es)" warning about addresses that are in fact bound).</summary>
internal sealed class StreamsUrlsTakeover
{
    public bool TookOver { get; set; }
}
