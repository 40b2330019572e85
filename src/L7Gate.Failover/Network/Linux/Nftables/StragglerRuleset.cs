using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace L7Gate.Failover.Network.Linux.Nftables;

/// <summary>
/// The nftables ruleset of a handover's straggler forwarding: one <c>netdev</c> table per instance, hooked at the
/// interface's ingress before the IP stack. A TCP SYN to a VIP records its client (address and port) as a connection
/// of this node; any other TCP packet to a VIP from a client not recorded is sent on to the former master's MAC address
/// (<c>fwd ip to</c> resolves it like a next hop), which still holds the VIPs and the connection.
/// </summary>
internal static partial class StragglerRuleset
{
    /// <summary>The instance's table name.</summary>
    public static string TableName(string interfaceName, byte vrid) =>
        string.Create(CultureInfo.InvariantCulture, $"l7gate_handover_{vrid}_{NonIdentifier().Replace(interfaceName, "_")}");

    /// <summary>Replaces the instance's table (created empty first, so that the delete never fails) with the forwarding rules.</summary>
    public static string Install(string interfaceName, byte vrid, IPAddress formerMaster, IReadOnlyList<IPAddress> vips)
    {
        CheckInterface(interfaceName);
        if (formerMaster.AddressFamily != AddressFamily.InterNetwork || vips.Count == 0 || vips.Any(v => v.AddressFamily != AddressFamily.InterNetwork))
        {
            throw new ArgumentException("straggler forwarding takes an IPv4 former master and at least one IPv4 VIP");
        }

        var table = TableName(interfaceName, vrid);
        var vipSet = string.Join(", ", vips);
        var rules = new StringBuilder();
        rules.Append(Remove(interfaceName, vrid));
        rules.Append(CultureInfo.InvariantCulture, $$"""
            table netdev {{table}} {
                set local { type ipv4_addr . inet_service; flags dynamic, timeout; timeout 1m; }
                chain stragglers {
                    type filter hook ingress device "{{interfaceName}}" priority -500; policy accept;
                    ip daddr { {{vipSet}} } tcp flags & (syn | ack) == syn add @local { ip saddr . tcp sport }
                    ip daddr { {{vipSet}} } ip saddr . tcp sport != @local fwd ip to {{formerMaster}} device "{{interfaceName}}"
                }
            }

            """);
        return rules.ToString();
    }

    /// <summary>Removes the instance's table; absent is not an error.</summary>
    public static string Remove(string interfaceName, byte vrid)
    {
        CheckInterface(interfaceName);
        var table = TableName(interfaceName, vrid);
        return $"add table netdev {table}\ndelete table netdev {table}\n";
    }

    private static void CheckInterface(string interfaceName)
    {
        if (!InterfaceName().IsMatch(interfaceName))
        {
            throw new ArgumentException($"interface name '{interfaceName}' cannot be used in an nftables rule");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,15}$")]
    private static partial Regex InterfaceName();

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NonIdentifier();
}
