using System.Net;
using L7Gate.Failover.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace L7Gate.Failover;

/// <summary>
/// Wraps the real <see cref="IVipManager"/> so that, after a planned handover (shutdown or admin maintenance), VIPs
/// leave the interface only once the proxy has drained: the peer is master and new connections already go to it
/// (its gratuitous ARP moved the clients), but requests in flight here still answer from the VIP — remove it first
/// and their response packets have no source address left and the clients time out.
/// </summary>
/// <remarks>
/// With no hold every call passes straight through. While at least one <see cref="Hold"/> is outstanding a removal
/// is recorded instead of done (the engine sees success); the last <see cref="ReleaseAsync"/> does them. Holds
/// nest, so a SIGTERM during a maintenance drain keeps the VIPs until both are done. A crash in between leaves the
/// VIP behind, which the next start removes, as after any crash. While a removal waits, the
/// <paramref name="arpGuard"/> keeps this host from answering ARP for the VIP: it belongs to the new master now.
/// </remarks>
internal sealed partial class DrainAwareVipManager(IVipManager inner, IVipArpGuard? arpGuard = null, ILogger<DrainAwareVipManager>? logger = null)
    : IVipManager
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly Dictionary<(string Interface, IPAddress Address), int> _deferred = [];
    private readonly Lock _gate = new();
    private int _holds;

    /// <summary>Number of outstanding holds (for tests and diagnostics).</summary>
    public int Holds
    {
        get
        {
            lock (_gate)
            {
                return _holds;
            }
        }
    }

    /// <summary>From now until the matching <see cref="ReleaseAsync"/>, record removals instead of doing them.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _holds++;
        }
    }

    /// <summary>
    /// Ends one hold; when it was the last, removes the recorded VIPs. Returns how many were removed (0 while other
    /// holds remain, and for a release without a hold).
    /// </summary>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        List<KeyValuePair<(string Interface, IPAddress Address), int>> due;
        lock (_gate)
        {
            if (_holds == 0 || --_holds > 0)
            {
                return 0;
            }

            due = [.. _deferred];
            _deferred.Clear();
        }

        foreach (var ((interfaceName, address), prefixLength) in due)
        {
            try
            {
                await inner.RemoveAsync(interfaceName, address, prefixLength, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Mute(address, false);
            }
        }

        return due.Count;
    }

    /// <inheritdoc />
    public Task AddAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _deferred.Remove((interfaceName, address));
        }

        // Master (again): answer ARP for it before the gratuitous ARP announces it, whatever a drain left behind.
        Mute(address, false);
        return inner.AddAsync(interfaceName, address, prefixLength, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string interfaceName, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        bool deferred;
        lock (_gate)
        {
            deferred = _holds > 0;
            if (deferred)
            {
                _deferred[(interfaceName, address)] = prefixLength;
            }
        }

        if (deferred)
        {
            Mute(address, true);
            return Task.CompletedTask;
        }

        return inner.RemoveAsync(interfaceName, address, prefixLength, cancellationToken);
    }

    /// <summary>Resumes ARP replies a crashed run left muted (at startup, before any instance runs).</summary>
    public void ResetArpGuard()
    {
        try
        {
            arpGuard?.Reset();
        }
        catch (Exception ex)
        {
            LogArpGuardFailed(_logger, ex, "reset", "all");
        }
    }

    // A guard that fails (no libnftables, no CAP_NET_ADMIN) costs only the ARP silence, never the handover.
    private void Mute(IPAddress address, bool muted)
    {
        try
        {
            arpGuard?.SetMuted(address, muted);
        }
        catch (Exception ex)
        {
            LogArpGuardFailed(_logger, ex, muted ? "mute" : "unmute", address.ToString());
        }
    }

    [LoggerMessage(EventId = 1606, Level = LogLevel.Warning, Message = "Failover: could not {Operation} ARP replies for {Vip} during the handover drain; a client resolving the VIP then may get this node's MAC address")]
    private static partial void LogArpGuardFailed(ILogger logger, Exception exception, string operation, string vip);

    /// <inheritdoc />
    public Task<bool> IsPresentAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken) =>
        inner.IsPresentAsync(interfaceName, address, cancellationToken);
}
