using System.Net;

namespace L7Gate.Failover.Protocol;

/// <summary>
/// Decodes a received packet and applies the instance's receive checks. Never throws: every rejected
/// packet yields the reason it is counted under.
/// </summary>
public static class VrrpReceiveFilter
{
    /// <summary>The VRRP multicast group, 224.0.0.18 (RFC 5798 §5.1.1.2).</summary>
    public static readonly IPAddress MulticastGroup = IPAddress.Parse("224.0.0.18");

    /// <summary>Required IPv4 TTL (RFC 5798 §5.1.1.3).</summary>
    public const byte RequiredTtl = 255;

    /// <summary>Decodes and checks one received packet against <paramref name="policy"/>.</summary>
    /// <param name="policy">The instance's receive policy.</param>
    /// <param name="source">IPv4 source of the packet.</param>
    /// <param name="destination">IPv4 destination of the packet.</param>
    /// <param name="ttl">IPv4 TTL of the packet.</param>
    /// <param name="message">The IP payload.</param>
    /// <param name="advertisement">The accepted advertisement, or the decoded one when a later check rejected it (may be null).</param>
    public static VrrpDropReason Check(VrrpReceivePolicy policy, IPAddress source, IPAddress destination, byte ttl, ReadOnlySpan<byte> message, out VrrpAdvertisement? advertisement)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var reason = VrrpCodec.TryDecode(message, source, destination, out advertisement);
        if (reason != VrrpDropReason.None)
        {
            return reason;
        }

        var advert = advertisement!;
        bool toMulticast = destination.Equals(MulticastGroup);

        // RFC 5798 §7.1: TTL must be 255 (a router forwarded it otherwise). Unicast peers may sit behind a router.
        if (!policy.IsUnicast && ttl != RequiredTtl)
        {
            return VrrpDropReason.BadTtl;
        }

        if (advert.Version != policy.Version)
        {
            return VrrpDropReason.VersionMismatch;
        }

        if (policy.OwnAddresses.Contains(source))
        {
            return VrrpDropReason.OwnAdvert;
        }

        if (advert.VirtualRouterId != policy.VirtualRouterId)
        {
            return policy.SiblingVirtualRouterIds.Contains(advert.VirtualRouterId)
                ? VrrpDropReason.OtherInstance
                : VrrpDropReason.UnknownVrid;
        }

        if (policy.IsUnicast && toMulticast)
        {
            return VrrpDropReason.UnexpectedMulticast;
        }

        if (!policy.IsUnicast && !toMulticast)
        {
            return VrrpDropReason.UnexpectedUnicast;
        }

        if (policy.IsUnicast && policy.CheckUnicastSource && !policy.UnicastPeers.Contains(source))
        {
            return VrrpDropReason.SourceNotPeer;
        }

        if (advert.Version == 2)
        {
            // RFC 3768 §7.1: auth type and data must match the local configuration.
            if (advert.AuthType != policy.AuthType)
            {
                return VrrpDropReason.AuthTypeMismatch;
            }

            if (policy.AuthType == VrrpAuthType.SimplePassword && !advert.AuthData.Span.SequenceEqual(policy.AuthData.Span))
            {
                return VrrpDropReason.AuthFailure;
            }

            // RFC 3768 §7.1: an Adver Interval other than ours is dropped (v3 instead learns it, §6.4.2).
            if (advert.AdverInterval != policy.AdverInterval)
            {
                return VrrpDropReason.IntervalMismatch;
            }
        }

        return VrrpDropReason.None;
    }
}
