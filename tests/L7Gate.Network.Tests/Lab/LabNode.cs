using System.Net;

namespace L7Gate.Network.Tests.Lab;

/// <summary>A host in the lab: its namespace, its one interface on the lab bridge and its address.</summary>
public sealed class LabNode
{
    internal LabNode(string name, string netns, string switchPort, IPAddress address)
    {
        Name = name;
        Namespace = netns;
        SwitchPort = switchPort;
        Address = address;
    }

    /// <summary>Short name within the lab ("n1", "client").</summary>
    public string Name { get; }

    /// <summary>The network namespace.</summary>
    public string Namespace { get; }

    /// <summary>The node's interface (same name in every node's namespace).</summary>
    public string Interface => NetnsLab.NodeInterface;

    /// <summary>The bridge-side end of the node's veth, in the switch namespace.</summary>
    public string SwitchPort { get; }

    /// <summary>The node's primary address (/24 in 192.0.2.0/24).</summary>
    public IPAddress Address { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Address})";
}
