using System.Globalization;
using System.Net;
using FluentValidation;

namespace L7Gate.Failover.Options;

/// <summary>
/// Validates one instance. Property names are colon paths relative to the Failover section
/// (<c>Instances:VI_1:VirtualRouterId</c>); messages name the instance and the bad value.
/// </summary>
public sealed class VrrpInstanceOptionsValidator : AbstractValidator<VrrpInstanceOptions>
{
    private static readonly TimeSpan V3MinInterval = TimeSpan.FromMilliseconds(10); // RFC 5798 §5.2.7: 12 bits of centiseconds
    private static readonly TimeSpan V3MaxInterval = TimeSpan.FromMilliseconds(40950);
    private readonly string _name;

    /// <summary>Creates the validator for the instance called <paramref name="name"/>.</summary>
    public VrrpInstanceOptionsValidator(string name)
    {
        _name = name;
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.Interface)
            .Must(IsInterfaceName)
            .WithMessage(x => Msg(string.IsNullOrEmpty(x.Interface)
                ? "Interface is required"
                : $"Interface '{x.Interface}' is not an interface name (1–15 characters, no spaces, '/' or ':')"))
            .OverridePropertyName(PathOf("Interface"));

        RuleFor(x => x.VirtualRouterId).InclusiveBetween(1, 255)
            .WithMessage(x => Msg($"VirtualRouterId {x.VirtualRouterId} is outside 1–255"))
            .OverridePropertyName(PathOf("VirtualRouterId"));

        RuleFor(x => x.Priority).InclusiveBetween(1, 255)
            .WithMessage(x => Msg($"Priority {x.Priority} is outside 1–255 (255 = address owner; 0 is reserved for a leaving master)"))
            .OverridePropertyName(PathOf("Priority"));

        RuleFor(x => x.Version).Must(v => v is 2 or 3)
            .WithMessage(x => Msg($"Version {x.Version} is not 2 or 3"))
            .OverridePropertyName(PathOf("Version"));

        RuleFor(x => x.AdvertisementInterval)
            .Must(t => t.Ticks % TimeSpan.TicksPerSecond == 0 && t >= TimeSpan.FromSeconds(1) && t <= TimeSpan.FromSeconds(255))
            .When(x => x.Version == 2)
            .WithMessage(x => Msg($"AdvertisementInterval {Fmt(x.AdvertisementInterval)} is not allowed with Version 2: whole seconds from 1 to 255 (RFC 3768)"))
            .OverridePropertyName(PathOf("AdvertisementInterval"));

        RuleFor(x => x.AdvertisementInterval)
            .Must(t => t.Ticks % V3MinInterval.Ticks == 0 && t >= V3MinInterval && t <= V3MaxInterval)
            .When(x => x.Version == 3)
            .WithMessage(x => Msg($"AdvertisementInterval {Fmt(x.AdvertisementInterval)} is not allowed with Version 3: 10 ms steps from 00:00:00.01 to 00:00:40.95 (RFC 5798)"))
            .OverridePropertyName(PathOf("AdvertisementInterval"));

        RuleFor(x => x.PreemptDelay).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromSeconds(1000))
            .WithMessage(x => Msg($"PreemptDelay {Fmt(x.PreemptDelay)} is outside 00:00:00–00:16:40 (0–1000 s, as keepalived)"))
            .OverridePropertyName(PathOf("PreemptDelay"));

        RuleFor(x => x.HandoverTimeout!.Value).InclusiveBetween(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10))
            .When(x => x.HandoverTimeout is not null)
            .WithMessage(x => Msg($"HandoverTimeout {Fmt(x.HandoverTimeout!.Value)} is outside 00:00:00.01–00:10:00"))
            .OverridePropertyName(PathOf("HandoverTimeout"));

        RuleFor(x => x.V3ChecksumAsV2).Equal(false).When(x => x.Version == 2)
            .WithMessage(Msg("V3ChecksumAsV2 applies to Version 3 only; Version 2 always checksums the message alone"))
            .OverridePropertyName(PathOf("V3ChecksumAsV2"));

        RuleFor(x => x.VirtualMacInterface)
            .Must(IsInterfaceName)
            .When(x => x.VirtualMacInterface is not null)
            .WithMessage(x => Msg($"VirtualMacInterface '{x.VirtualMacInterface}' is not an interface name (1–15 characters, no spaces, '/' or ':')"))
            .OverridePropertyName(PathOf("VirtualMacInterface"));

        RuleFor(x => x.VirtualMacInterface)
            .Must((x, name) => !string.Equals(name, x.Interface, StringComparison.Ordinal))
            .When(x => x.VirtualMacInterface is not null)
            .WithMessage(x => Msg($"VirtualMacInterface '{x.VirtualMacInterface}' is the instance's Interface: the macvlan needs a name of its own"))
            .OverridePropertyName(PathOf("VirtualMacInterface"));

        RuleFor(x => x.VirtualMacInterface).Null().When(x => !x.UseVirtualMac)
            .WithMessage(Msg("VirtualMacInterface needs UseVirtualMac: true"))
            .OverridePropertyName(PathOf("VirtualMacInterface"));

        RuleFor(x => x.VirtualMacTransmitBase).Equal(false).When(x => !x.UseVirtualMac)
            .WithMessage(Msg("VirtualMacTransmitBase needs UseVirtualMac: true"))
            .OverridePropertyName(PathOf("VirtualMacTransmitBase"));

        RuleFor(x => x).Custom((x, ctx) => CheckVirtualIps(x, ctx));
        RuleFor(x => x).Custom((x, ctx) => CheckUnicast(x, ctx));
        RuleFor(x => x).Custom((x, ctx) => CheckAuthentication(x, ctx));
        RuleFor(x => x).Custom((x, ctx) => CheckTracking(x, ctx));
        RuleFor(x => x).Custom((x, ctx) => CheckNotify(x, ctx));
        RuleFor(x => x).Custom((x, ctx) => CheckGarp(x, ctx));
    }

    /// <summary>Whether <paramref name="name"/> is a plausible Linux interface name (IFNAMSIZ − 1 = 15).</summary>
    public static bool IsInterfaceName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 15 && name is not ("." or "..")
        && name.All(c => c > ' ' && c < 0x7F && c is not ('/' or ':'));

    private static string Fmt(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static bool IsUsableUnicast(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 127 || b[0] >= 224); // 0/8, loopback, multicast, reserved and broadcast
    }

    private string Msg(string text) => $"Failover instance '{_name}': {text}";

    private string PathOf(string key) => $"Instances:{_name}:{key}";

    private void Fail(ValidationContext<VrrpInstanceOptions> ctx, string key, string message, object? value) =>
        ctx.AddFailure(new FluentValidation.Results.ValidationFailure(PathOf(key), Msg(message), value));

    private void CheckVirtualIps(VrrpInstanceOptions x, ValidationContext<VrrpInstanceOptions> ctx)
    {
        if (x.VirtualIPs.Count == 0)
        {
            Fail(ctx, "VirtualIPs", "VirtualIPs is empty: at least one virtual IPv4 address is required", null);
            return;
        }

        if (x.VirtualIPs.Count > 255)
        {
            Fail(ctx, "VirtualIPs", $"VirtualIPs lists {x.VirtualIPs.Count} addresses; at most 255 fit in one advert", x.VirtualIPs.Count);
        }

        var seen = new HashSet<IPAddress>();
        for (int i = 0; i < x.VirtualIPs.Count; i++)
        {
            var text = x.VirtualIPs[i];
            if (!VirtualIpAddress.TryParse(text, out var vip))
            {
                Fail(ctx, $"VirtualIPs:{i}", $"VirtualIPs entry '{text}' is not an IPv4 address with optional /prefix (0–32), e.g. 192.0.2.100/24", text);
            }
            else if (!IsUsableUnicast(vip.Value.Address))
            {
                Fail(ctx, $"VirtualIPs:{i}", $"VirtualIPs entry '{text}' is not a usable unicast address (not 0.x, 127.x, multicast or broadcast)", text);
            }
            else if (!seen.Add(vip.Value.Address))
            {
                Fail(ctx, $"VirtualIPs:{i}", $"VirtualIPs lists {vip.Value.Address} twice", text);
            }
        }
    }

    private void CheckUnicast(VrrpInstanceOptions x, ValidationContext<VrrpInstanceOptions> ctx)
    {
        IPAddress? source = null;
        if (x.UnicastSource is not null)
        {
            if (!VirtualIpAddress.TryParseAddress(x.UnicastSource, out source) || !IsUsableUnicast(source))
            {
                Fail(ctx, "UnicastSource", $"UnicastSource '{x.UnicastSource}' is not a unicast IPv4 address", x.UnicastSource);
                source = null;
            }
            else if (x.UnicastPeers.Count == 0)
            {
                Fail(ctx, "UnicastSource", $"UnicastSource {x.UnicastSource} is set but UnicastPeers is empty: list the peers, or remove UnicastSource to use multicast", x.UnicastSource);
            }
        }

        var seen = new HashSet<IPAddress>();
        for (int i = 0; i < x.UnicastPeers.Count; i++)
        {
            var text = x.UnicastPeers[i];
            if (!VirtualIpAddress.TryParseAddress(text, out var peer) || !IsUsableUnicast(peer))
            {
                Fail(ctx, $"UnicastPeers:{i}", $"UnicastPeers entry '{text}' is not a unicast IPv4 address", text);
            }
            else if (peer.Equals(source))
            {
                Fail(ctx, $"UnicastPeers:{i}", $"UnicastPeers entry {text} is this node's UnicastSource", text);
            }
            else if (!seen.Add(peer))
            {
                Fail(ctx, $"UnicastPeers:{i}", $"UnicastPeers lists {text} twice", text);
            }
        }
    }

    private void CheckAuthentication(VrrpInstanceOptions x, ValidationContext<VrrpInstanceOptions> ctx)
    {
        var password = x.Authentication?.Password;
        if (password is null)
        {
            return;
        }

        if (x.Version != 2)
        {
            Fail(ctx, "Authentication:Password", $"Authentication.Password is set with Version {x.Version}: VRRPv3 has no authentication (RFC 5798 §9); use Version 2 or remove the password", "***");
        }
        else if (password.Length is < 1 or > 8 || !password.All(c => c > ' ' && c < 0x7F))
        {
            Fail(ctx, "Authentication:Password", $"Authentication.Password must be 1–8 printable ASCII characters without spaces (it has {password.Length})", "***");
        }
    }

    private void CheckTracking(VrrpInstanceOptions x, ValidationContext<VrrpInstanceOptions> ctx)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < x.TrackInterfaces.Count; i++)
        {
            var track = x.TrackInterfaces[i];
            if (!IsInterfaceName(track.Name))
            {
                Fail(ctx, $"TrackInterfaces:{i}:Name", $"TrackInterfaces entry {i} Name '{track.Name}' is not an interface name (1–15 characters, no spaces, '/' or ':')", track.Name);
            }
            else if (!names.Add(track.Name))
            {
                Fail(ctx, $"TrackInterfaces:{i}:Name", $"TrackInterfaces lists {track.Name} twice", track.Name);
            }

            if (track.Weight is < -253 or > 253)
            {
                Fail(ctx, $"TrackInterfaces:{i}:Weight", $"TrackInterfaces entry {track.Name} Weight {track.Weight} is outside −253–253 (0 = Fault when down)", track.Weight);
            }
        }

        var scripts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < x.TrackScripts.Count; i++)
        {
            var track = x.TrackScripts[i];
            if (track is null || string.IsNullOrWhiteSpace(track.Name))
            {
                Fail(ctx, $"TrackScripts:{i}:Name", $"TrackScripts entry {i} has no Name (a key of Failover:TrackScripts)", track?.Name);
                continue;
            }

            if (!scripts.Add(track.Name))
            {
                Fail(ctx, $"TrackScripts:{i}:Name", $"TrackScripts lists {track.Name} twice", track.Name);
            }

            if (track.Weight is < -253 or > 253)
            {
                Fail(ctx, $"TrackScripts:{i}:Weight", $"TrackScripts entry {track.Name} Weight {track.Weight} is outside −253–253 (0 = Fault while failing)", track.Weight);
            }
        }

        if (x.TrackProxy is not { } proxy)
        {
            return;
        }

        if (proxy.Weight is < -253 or > 253)
        {
            Fail(ctx, "TrackProxy:Weight", $"TrackProxy.Weight {proxy.Weight} is outside −253–253 (0 = Fault when unhealthy)", proxy.Weight);
        }

        if (proxy.Rise is < 1 or > 100)
        {
            Fail(ctx, "TrackProxy:Rise", $"TrackProxy.Rise {proxy.Rise} is outside 1–100", proxy.Rise);
        }

        if (proxy.Fall is < 1 or > 100)
        {
            Fail(ctx, "TrackProxy:Fall", $"TrackProxy.Fall {proxy.Fall} is outside 1–100", proxy.Fall);
        }

        if (proxy.Interval < TimeSpan.FromMilliseconds(10) || proxy.Interval > TimeSpan.FromHours(1))
        {
            Fail(ctx, "TrackProxy:Interval", $"TrackProxy.Interval {Fmt(proxy.Interval)} is outside 00:00:00.01–01:00:00", proxy.Interval);
        }
        else if (proxy.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > proxy.Interval))
        {
            Fail(ctx, "TrackProxy:Timeout", $"TrackProxy.Timeout {Fmt(timeout)} must be above zero and at most the Interval {Fmt(proxy.Interval)}", timeout);
        }
    }

    private void CheckNotify(VrrpInstanceOptions x, ValidationContext<VrrpInstanceOptions> ctx)
    {
        var notify = x.Notify ?? new VrrpNotifyOptions();
        foreach (var (key, path) in new[] { ("Master", notify.Master), ("Backup", notify.Backup), ("Fault", notify.Fault), ("Stop", notify.Stop), ("Any", notify.Any) })
        {
            if (path is not null && (path.Length == 0 || path[0] != '/' || path.Any(char.IsControl)))
            {
                Fail(ctx, $"Notify:{key}", $"Notify.{key} '{path}' is not an absolute script path", path);
            }
        }

        if (notify.Timeout <= TimeSpan.Zero || notify.Timeout > TimeSpan.FromHours(1))
        {
            Fail(ctx, "Notify:Timeout", $"Notify.Timeout {Fmt(notify.Timeout)} is outside 00:00:00–01:00:00 (above zero)", notify.Timeout);
        }
    }

    private void CheckGarp(VrrpInstanceOptions x, ValidationContext<VrrpInstanceOptions> ctx)
    {
        var garp = x.Garp ?? new GarpOptions();
        if (garp.Repeat is < 1 or > 100)
        {
            Fail(ctx, "Garp:Repeat", $"Garp.Repeat {garp.Repeat} is outside 1–100", garp.Repeat);
        }

        if (garp.RefreshRepeat is < 1 or > 100)
        {
            Fail(ctx, "Garp:RefreshRepeat", $"Garp.RefreshRepeat {garp.RefreshRepeat} is outside 1–100", garp.RefreshRepeat);
        }

        if (garp.Delay < TimeSpan.Zero || garp.Delay > TimeSpan.FromHours(1))
        {
            Fail(ctx, "Garp:Delay", $"Garp.Delay {Fmt(garp.Delay)} is outside 00:00:00–01:00:00 (0 = no second burst)", garp.Delay);
        }

        if (garp.Refresh is { } refresh && (refresh < TimeSpan.FromMilliseconds(100) || refresh > TimeSpan.FromDays(1)))
        {
            Fail(ctx, "Garp:Refresh", $"Garp.Refresh {Fmt(refresh)} is outside 00:00:00.1–1.00:00:00 (omit it to turn refresh off)", refresh);
        }
    }
}
