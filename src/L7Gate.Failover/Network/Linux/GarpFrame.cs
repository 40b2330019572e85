using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;

namespace L7Gate.Failover.Network.Linux;

/// <summary>Builds the gratuitous ARP frame a new master broadcasts for each VIP.</summary>
internal static class GarpFrame
{
    private static readonly PhysicalAddress Broadcast = PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF");
    private static readonly PhysicalAddress Unknown = PhysicalAddress.Parse("00-00-00-00-00-00");

    /// <summary>
    /// An ARP request for the VIP from the VIP (sender IP = target IP), sender MAC = the NIC's MAC, to the
    /// Ethernet broadcast address: the form keepalived sends, which every host and switch on the segment
    /// uses to update its ARP cache / MAC table. The target MAC is zero, as RFC 5227 §2.3 announces use.
    /// </summary>
    public static byte[] Build(PhysicalAddress senderMac, IPAddress vip)
    {
        var arp = new ArpPacket(ArpOperation.Request, Unknown, vip, senderMac, vip);
        var ethernet = new EthernetPacket(senderMac, Broadcast, EthernetType.Arp) { PayloadPacket = arp };
        return ethernet.Bytes;
    }
}
