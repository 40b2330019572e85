using System.Net;
using L7Gate.Failover.Options;
using L7Gate.Failover.Protocol;

namespace L7Gate.Failover.Runner;

/// <summary>An instance's validated options, parsed once into wire-ready values.</summary>
internal sealed class VrrpInstanceSettings
{
    public VrrpInstanceSettings(string name, VrrpInstanceOptions options)
    {
        Name = name;
        Options = options;
        Vips = options.VirtualIPs.Select(v => VirtualIpAddress.TryParse(v, out var vip) ? vip.Value : throw new ArgumentException($"Failover instance '{name}': bad VIP '{v}'")).ToArray();
        VipAddresses = Vips.Select(v => v.Address).ToArray();
        Peers = options.UnicastPeers.Select(p => VirtualIpAddress.TryParseAddress(p, out var a) ? a : throw new ArgumentException($"Failover instance '{name}': bad peer '{p}'")).ToArray();
        UnicastSource = options.UnicastSource is { } s && VirtualIpAddress.TryParseAddress(s, out var source) ? source : null;
        Destinations = Peers.Count > 0 ? Peers : [VrrpReceiveFilter.MulticastGroup];
        AdverIntervalRaw = options.Version == 2
            ? (ushort)options.AdvertisementInterval.TotalSeconds
            : (ushort)Math.Round(options.AdvertisementInterval.TotalMilliseconds / 10); // RFC 5798 §5.2.7: centiseconds
        AuthType = options.Version == 2 && options.Authentication?.Password is not null ? VrrpAuthType.SimplePassword : VrrpAuthType.None;
        AuthData = AuthType == VrrpAuthType.SimplePassword ? VrrpCodec.PasswordAuthData(options.Authentication!.Password!) : new byte[8];
        ChecksumForm = options.V3ChecksumAsV2 ? VrrpChecksumForm.MessageOnly : VrrpChecksumForm.PseudoHeader;
        Garp = options.Garp ?? new GarpOptions();
        Notify = options.Notify ?? new VrrpNotifyOptions();
    }

    public string Name { get; }

    public VrrpInstanceOptions Options { get; }

    public string Interface => Options.Interface;

    public byte VirtualRouterId => (byte)Options.VirtualRouterId;

    public IReadOnlyList<VirtualIpAddress> Vips { get; }

    public IReadOnlyList<IPAddress> VipAddresses { get; }

    public IReadOnlyList<IPAddress> Peers { get; }

    public IPAddress? UnicastSource { get; }

    /// <summary>224.0.0.18, or every unicast peer.</summary>
    public IReadOnlyList<IPAddress> Destinations { get; }

    public ushort AdverIntervalRaw { get; }

    public VrrpAuthType AuthType { get; }

    public byte[] AuthData { get; }

    public VrrpChecksumForm ChecksumForm { get; }

    public GarpOptions Garp { get; }

    public VrrpNotifyOptions Notify { get; }
}
