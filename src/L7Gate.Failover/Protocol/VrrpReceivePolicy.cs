using System.Net;

namespace L7Gate.Failover.Protocol;

/// <summary>What one instance accepts on receive (vrrp-notes "Receive checks"; RFC 5798 §7.1, RFC 3768 §7.1).</summary>
public sealed record VrrpReceivePolicy
{
    /// <summary>Configured version, 2 or 3.</summary>
    public required int Version { get; init; }

    /// <summary>This instance's VRID.</summary>
    public required byte VirtualRouterId { get; init; }

    /// <summary>v2: our Adver Int in seconds; adverts with another interval are dropped (RFC 3768 §7.1).</summary>
    public ushort AdverInterval { get; init; }

    /// <summary>v2: the configured auth type.</summary>
    public VrrpAuthType AuthType { get; init; }

    /// <summary>v2 with <see cref="VrrpAuthType.SimplePassword"/>: the 8 expected auth bytes.</summary>
    public ReadOnlyMemory<byte> AuthData { get; init; }

    /// <summary>Unicast peers; empty means multicast mode (224.0.0.18).</summary>
    public IReadOnlyCollection<IPAddress> UnicastPeers { get; init; } = [];

    /// <summary>Drop unicast adverts from sources that are not configured peers.</summary>
    public bool CheckUnicastSource { get; init; } = true;

    /// <summary>Addresses this node sends from; adverts from them are our own.</summary>
    public IReadOnlyCollection<IPAddress> OwnAddresses { get; init; } = [];

    /// <summary>VRIDs of other L7Gate instances on the same interface (not foreign).</summary>
    public IReadOnlyCollection<byte> SiblingVirtualRouterIds { get; init; } = [];

    /// <summary>True when <see cref="UnicastPeers"/> is not empty.</summary>
    public bool IsUnicast => UnicastPeers.Count > 0;
}
