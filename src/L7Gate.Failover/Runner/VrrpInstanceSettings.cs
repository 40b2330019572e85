using System.Net;
using System.Net.NetworkInformation;
using L7Gate.Failover.Network;
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
        VirtualMacInterface = options.EffectiveVirtualMacInterface;
        VirtualMac = VirtualMacInterface is null ? null : VirtualMacAddress.ForIPv4(VirtualRouterId);
        VipInterface = VirtualMacInterface ?? options.Interface;
        SendInterface = VirtualMacInterface is { } vmac && !options.VirtualMacTransmitBase ? vmac : options.Interface;
    }

    /// <summary>The virtual MAC macvlan (UseVirtualMac), or null.</summary>
    public string? VirtualMacInterface { get; }

    /// <summary>00:00:5e:00:01:{VRID} with UseVirtualMac, or null.</summary>
    public PhysicalAddress? VirtualMac { get; }

    /// <summary>Where the VIPs go and GARP is sent from: the macvlan with UseVirtualMac, else the interface.</summary>
    public string VipInterface { get; }

    /// <summary>Where adverts leave: the macvlan with UseVirtualMac (unless VirtualMacTransmitBase), else the interface.</summary>
    public string SendInterface { get; }

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
