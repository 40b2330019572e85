using System.Net;

namespace L7Gate.Failover.Protocol;

/// <summary>A decoded (or to-be-encoded) VRRP ADVERTISEMENT, version 2 or 3, IPv4.</summary>
/// <param name="Version">2 (RFC 3768) or 3 (RFC 5798).</param>
/// <param name="VirtualRouterId">VRID, 1–255.</param>
/// <param name="Priority">0 = master leaving, 1–254 normal, 255 = address owner.</param>
/// <param name="AdverInterval">v2: Adver Int in seconds; v3: Max Adver Int in centiseconds (12 bits).</param>
/// <param name="Addresses">The virtual IPv4 addresses, in the sender's configured order.</param>
public sealed record VrrpAdvertisement(int Version, byte VirtualRouterId, byte Priority, ushort AdverInterval, IReadOnlyList<IPAddress> Addresses)
{
    /// <summary>v2 only: the auth type carried in the message.</summary>
    public VrrpAuthType AuthType { get; init; }

    /// <summary>v2 only: the 8 authentication bytes (password zero padded). Empty means all zero.</summary>
    public ReadOnlyMemory<byte> AuthData { get; init; }

    /// <summary>On decode: which checksum form matched (v3 only; v2 is always <see cref="VrrpChecksumForm.MessageOnly"/>).</summary>
    public VrrpChecksumForm ChecksumForm { get; init; }

    /// <summary>The advertisement interval as a time span (v2 seconds, v3 centiseconds).</summary>
    public TimeSpan Interval => Version == 2
        ? TimeSpan.FromSeconds(AdverInterval)
        : TimeSpan.FromMilliseconds(AdverInterval * 10);

    /// <summary>Length of the encoded message in bytes.</summary>
    public int Length => VrrpPacketLayout.MessageLength(Version, Addresses.Count);
}
