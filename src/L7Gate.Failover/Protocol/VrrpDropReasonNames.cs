namespace L7Gate.Failover.Protocol;

/// <summary>Stable snake_case names of <see cref="VrrpDropReason"/> for metric tags and logs.</summary>
public static class VrrpDropReasonNames
{
    /// <summary>The metric tag value of <paramref name="reason"/>, e.g. <c>bad_checksum</c>.</summary>
    public static string ToTagValue(this VrrpDropReason reason) => reason switch
    {
        VrrpDropReason.None => "none",
        VrrpDropReason.TooShort => "too_short",
        VrrpDropReason.LengthMismatch => "length_mismatch",
        VrrpDropReason.UnknownVersion => "unknown_version",
        VrrpDropReason.VersionMismatch => "version_mismatch",
        VrrpDropReason.BadType => "bad_type",
        VrrpDropReason.BadChecksum => "bad_checksum",
        VrrpDropReason.BadTtl => "bad_ttl",
        VrrpDropReason.AuthTypeMismatch => "auth_type_mismatch",
        VrrpDropReason.AuthFailure => "auth_failure",
        VrrpDropReason.IntervalMismatch => "interval_mismatch",
        VrrpDropReason.UnknownVrid => "unknown_vrid",
        VrrpDropReason.UnexpectedMulticast => "unexpected_multicast",
        VrrpDropReason.UnexpectedUnicast => "unexpected_unicast",
        VrrpDropReason.SourceNotPeer => "source_not_peer",
        VrrpDropReason.OwnAdvert => "own_advert",
        VrrpDropReason.OtherInstance => "other_instance",
        _ => "unknown",
    };
}
