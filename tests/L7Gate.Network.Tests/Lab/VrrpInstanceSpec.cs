using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// One VRRP instance, written either as a keepalived <c>vrrp_instance</c> block or as an L7Gate
/// <c>Failover:Instances</c> entry, so a test configures both kinds of peer with the same settings.
/// </summary>
public sealed record VrrpInstanceSpec
{
    public string Name { get; init; } = "VI_1";

    public int VirtualRouterId { get; init; } = 51;

    public int Priority { get; init; } = 100;

    public int Version { get; init; } = 3;

    public TimeSpan AdvertisementInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public bool Preempt { get; init; } = true;

    public IReadOnlyList<string> VirtualIPs { get; init; } = ["192.0.2.100/24"];

    public IPAddress? UnicastSource { get; init; }

    public IReadOnlyList<IPAddress> UnicastPeers { get; init; } = [];

    public string? Password { get; init; }

    /// <summary>Virtual MAC (L7Gate <c>UseVirtualMac</c>, keepalived <c>use_vmac</c>) on the macvlan <see cref="VirtualMacInterface"/>.</summary>
    public bool UseVirtualMac { get; init; }

    /// <summary>Adverts from the parent interface (L7Gate <c>VirtualMacTransmitBase</c>, keepalived <c>vmac_xmit_base</c>).</summary>
    public bool VirtualMacTransmitBase { get; init; }

    /// <summary>The macvlan's name: keepalived's and L7Gate's default, <c>vrrp.{VRID}</c>.</summary>
    public string VirtualMacInterface => $"vrrp.{VirtualRouterId}";

    /// <summary>L7Gate only: TrackProxy weight (null = not tracked).</summary>
    public int? TrackProxyWeight { get; init; }

    /// <summary>The keepalived.conf(5) vrrp_instance block.</summary>
    public string ToKeepalivedConfig(string interfaceName)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append("    ").AppendLine(line);
        text.AppendLine(CultureInfo.InvariantCulture, $"vrrp_instance {Name} {{");
        Line("state BACKUP");
        Line($"interface {interfaceName}");
        Line($"virtual_router_id {VirtualRouterId}");
        Line($"priority {Priority}");
        Line($"version {Version}");
        Line($"advert_int {AdvertisementInterval.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)}");
        if (!Preempt)
        {
            Line("nopreempt");
        }

        if (UnicastSource is not null)
        {
            Line($"unicast_src_ip {UnicastSource}");
        }

        if (UnicastPeers.Count > 0)
        {
            Line("unicast_peer {");
            foreach (var peer in UnicastPeers)
            {
                Line($"    {peer}");
            }

            Line("}");
        }

        if (UseVirtualMac)
        {
            Line($"use_vmac {VirtualMacInterface}");
            if (VirtualMacTransmitBase)
            {
                Line("vmac_xmit_base");
            }
        }

        if (Password is not null)
        {
            Line("authentication {");
            Line("    auth_type PASS");
            Line($"    auth_pass {Password}");
            Line("}");
        }

        Line("virtual_ipaddress {");
        foreach (var vip in VirtualIPs)
        {
            Line($"    {vip}");
        }

        Line("}");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>The L7Gate <c>Failover:Instances:&lt;Name&gt;</c> object.</summary>
    public JsonObject ToL7GateJson(string interfaceName)
    {
        var json = new JsonObject
        {
            ["Interface"] = interfaceName,
            ["VirtualRouterId"] = VirtualRouterId,
            ["Priority"] = Priority,
            ["Version"] = Version,
            ["AdvertisementInterval"] = AdvertisementInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Preempt"] = Preempt,
            ["VirtualIPs"] = new JsonArray([.. VirtualIPs.Select(v => (JsonNode)v)]),
        };
        if (UnicastSource is not null)
        {
            json["UnicastSource"] = UnicastSource.ToString();
        }

        if (UnicastPeers.Count > 0)
        {
            json["UnicastPeers"] = new JsonArray([.. UnicastPeers.Select(p => (JsonNode)p.ToString())]);
        }

        if (Password is not null)
        {
            json["Authentication"] = new JsonObject { ["Password"] = Password };
        }

        if (UseVirtualMac)
        {
            json["UseVirtualMac"] = true;
            json["VirtualMacTransmitBase"] = VirtualMacTransmitBase;
        }

        if (TrackProxyWeight is { } weight)
        {
            json["TrackProxy"] = new JsonObject { ["Weight"] = weight, ["Interval"] = "00:00:00.1" };
        }

        return json;
    }
}
