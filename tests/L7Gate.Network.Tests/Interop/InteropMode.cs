using L7Gate.Network.Tests.Lab;

namespace L7Gate.Network.Tests.Interop;

/// <summary>The VRRP flavours an existing keepalived pair may run, which L7Gate must join.</summary>
public sealed record InteropMode(string Name, int Version, TimeSpan Interval, string? Password, bool Unicast)
{
    public static TheoryData<string> Names => new(All.Keys);

    public static IReadOnlyDictionary<string, InteropMode> All { get; } = new Dictionary<string, InteropMode>
    {
        ["v2"] = new("v2", 2, TimeSpan.FromSeconds(1), null, false),
        ["v2-password"] = new("v2-password", 2, TimeSpan.FromSeconds(1), "secret12", false),
        ["v3-multicast"] = new("v3-multicast", 3, TimeSpan.FromMilliseconds(100), null, false),
        ["v3-unicast"] = new("v3-unicast", 3, TimeSpan.FromMilliseconds(100), null, true),
    };

    /// <summary>The instance as configured on <paramref name="self"/>, with the other node as unicast peer when unicast.</summary>
    public VrrpInstanceSpec Instance(int priority, LabNode self, LabNode peer) => new()
    {
        Priority = priority,
        Version = Version,
        AdvertisementInterval = Interval,
        Password = Password,
        UnicastSource = Unicast ? self.Address : null,
        UnicastPeers = Unicast ? [peer.Address] : [],
    };

    public override string ToString() => Name;
}
