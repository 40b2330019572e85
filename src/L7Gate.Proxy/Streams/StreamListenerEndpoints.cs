using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace L7Gate.Proxy.Streams;

/// <summary>The Kestrel endpoints of the L4 listeners; after start, their bound addresses (the real port for port 0).</summary>
public sealed class StreamListenerEndpoints
{
    private readonly List<(string Listener, ListenOptions Options)> _endpoints = [];

    /// <summary>Each listener endpoint as bound, e.g. ("apiserver", 0.0.0.0:6443).</summary>
    public IReadOnlyList<(string Listener, EndPoint EndPoint)> Bound
    {
        get
        {
            lock (_endpoints)
            {
                return _endpoints.Select(e => (e.Listener, e.Options.EndPoint)).ToList();
            }
        }
    }

    /// <summary>The first bound TCP endpoint of <paramref name="listener"/>.</summary>
    public IPEndPoint? For(string listener) =>
        Bound.Where(b => string.Equals(b.Listener, listener, StringComparison.OrdinalIgnoreCase)).Select(b => b.EndPoint).OfType<IPEndPoint>().FirstOrDefault();

    internal void Add(string listener, ListenOptions options)
    {
        lock (_endpoints)
        {
            _endpoints.Add((listener, options));
        }
    }
}
