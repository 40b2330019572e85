using L7Gate.Failover.Network;
using L7Gate.Failover.Network.Linux;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Linux implementations of the failover engine's I/O seams.</summary>
public static class LinuxFailoverServiceCollectionExtensions
{
    /// <summary>
    /// Raw-socket VRRP transport, rtnetlink VIP manager, libpcap gratuitous ARP and rtnetlink link monitor, per-thread nice, macvlan virtual MACs.
    /// Uses TryAdd so a test can register its fakes first.
    /// </summary>
    public static IServiceCollection AddL7GateFailoverLinux(this IServiceCollection services)
    {
        services.TryAddSingleton<IVrrpTransportFactory, RawSocketVrrpTransportFactory>();
        services.TryAddSingleton<IVipManager, NetlinkVipManager>();
        services.TryAddSingleton<IGarpSender, PcapGarpSender>();
        services.TryAddSingleton<ILinkMonitor, NetlinkLinkMonitor>();
        services.TryAddSingleton<IThreadScheduling, LinuxThreadScheduling>();
        services.TryAddSingleton<IStragglerForwarder, NftablesStragglerForwarder>();
        services.TryAddSingleton<IVipArpGuard, NftablesVipArpGuard>();
        services.TryAddSingleton<IVirtualMacLinks, MacvlanVirtualMacLinks>();
        return services;
    }
}
