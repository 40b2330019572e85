namespace L7Gate.Failover.Network;

/// <summary>
/// The OS scheduling seam: the engine's dedicated threads ask for a better share of the CPU than the proxy's
/// workers, so a busy proxy cannot delay adverts past the peer's master-down interval (keepalived's
/// <c>vrrp_priority</c>).
/// </summary>
public interface IThreadScheduling
{
    /// <summary>Sets the calling thread's nice value; false, with the reason, when the OS refuses.</summary>
    bool TrySetCurrentThreadNice(int nice, out string? error);
}
