using System.Net;

namespace L7Gate.Failover.Network;

/// <summary>
/// Keeps this host from answering ARP for a VIP it still holds but no longer owns: a former master drains with the
/// VIPs on its interface, and a client that asks "who has the VIP?" in that moment would otherwise get two answers
/// and may keep the old MAC address until the new master's next gratuitous ARP.
/// </summary>
public interface IVipArpGuard
{
    /// <summary>Stops (<paramref name="muted"/> true) or resumes this host's ARP replies for <paramref name="vip"/>.</summary>
    void SetMuted(IPAddress vip, bool muted);

    /// <summary>Resumes every reply, including ones a crashed run left muted.</summary>
    void Reset();
}
