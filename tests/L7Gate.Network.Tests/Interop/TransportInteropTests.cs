using System.Net;
using L7Gate.Failover.Network.Linux;
using L7Gate.Failover.Protocol;
using L7Gate.Network.Tests.Lab;
using L7Gate.Network.Tests.Privileged;

namespace L7Gate.Network.Tests.Interop;

/// <summary>
/// The raw-socket transport and the engine's codec against keepalived, below the engine: what keepalived
/// sends decodes, and what the codec encodes and the transport sends keepalived accepts.
/// </summary>
public sealed class TransportInteropTests : IDisposable
{
    private static readonly IPAddress Vip = NetnsLab.Address(100);
    private readonly NetnsLab _lab = new();
    private readonly LabNode _n1;
    private readonly LabNode _n2;

    public TransportInteropTests()
    {
        _n1 = _lab.AddNode("n1", 11);
        _n2 = _lab.AddNode("n2", 12);
    }

    [PrivilegedTheory]
    [InlineData(3, null)]
    [InlineData(2, "secret12")]
    public async Task ReceiveAsync_KeepalivedMaster_DecodesAsItsConfiguredAdvert(int version, string? password)
    {
        var interval = version == 3 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        using var keepalived = KeepalivedPeer.Start(_lab, _n1, new VrrpInstanceSpec { Version = version, Priority = 150, AdvertisementInterval = interval, Password = password });
        await using var transport = _lab.ThreadIn(_n2).Invoke(() => RawSocketVrrpTransport.Open(_n2.Interface, _n2.Address, joinMulticast: true));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var packet = await transport.ReceiveAsync(timeout.Token);
        var reason = VrrpCodec.TryDecode(packet.VrrpMessage.Span, packet.Source, packet.Destination, out var advert);

        Assert.Equal(VrrpDropReason.None, reason);
        Assert.Equal(_n1.Address, packet.Source);
        Assert.Equal(255, packet.Ttl);
        Assert.Equal(version, advert!.Version);
        Assert.Equal(51, advert.VirtualRouterId);
        Assert.Equal(150, advert.Priority);
        Assert.Equal(interval, advert.Interval);
        Assert.Equal([Vip], advert.Addresses);
        if (password is not null)
        {
            Assert.Equal(VrrpAuthType.SimplePassword, advert.AuthType);
            Assert.Equal(VrrpCodec.PasswordAuthData(password), advert.AuthData.ToArray());
        }
    }

    [PrivilegedTheory]
    [InlineData(3, null, false)]
    [InlineData(3, null, true)]
    [InlineData(2, null, false)]
    [InlineData(2, "secret12", false)]
    public async Task SendAsync_HigherPriorityAdverts_KeepalivedAcceptsThemAndStaysBackup(int version, string? password, bool unicast)
    {
        var interval = version == 3 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        await using var transport = _lab.ThreadIn(_n2).Invoke(() => RawSocketVrrpTransport.Open(_n2.Interface, _n2.Address, joinMulticast: !unicast));
        var destination = unicast ? _n1.Address : RawSocketVrrpTransport.MulticastGroup;
        var advert = new VrrpAdvertisement(version, 51, 200, (ushort)(version == 3 ? 10 : 1), [Vip])
        {
            AuthType = password is null ? VrrpAuthType.None : VrrpAuthType.SimplePassword,
            AuthData = password is null ? ReadOnlyMemory<byte>.Empty : VrrpCodec.PasswordAuthData(password),
        };
        var message = VrrpCodec.Encode(advert, _n2.Address, destination);

        // Already advertising as master when keepalived starts (as a running master would be), so keepalived's
        // first master-down interval cannot expire before our adverts arrive, however slowly the socket opened.
        using var stopSending = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            while (!stopSending.IsCancellationRequested)
            {
                await transport.SendAsync(message, destination, default);
                await Task.Delay(interval);
            }
        });
        await Task.Delay(2 * interval);
        using var keepalived = KeepalivedPeer.Start(_lab, _n1, new VrrpInstanceSpec
        {
            Version = version,
            Priority = 100,
            AdvertisementInterval = interval,
            Password = password,
            UnicastSource = unicast ? _n1.Address : null,
            UnicastPeers = unicast ? [_n2.Address] : [],
        });

        // Keep advertising for longer than keepalived's master-down interval.
        await Task.Delay((4 * interval) + TimeSpan.FromSeconds(1));
        await stopSending.CancelAsync();
        await sending;

        Assert.True(await keepalived.WaitForStateAsync("VI_1", "BACKUP", TimeSpan.FromSeconds(1)), keepalived.Process.Output);
        Assert.DoesNotContain("Entering MASTER STATE", keepalived.Process.Output, StringComparison.Ordinal);
        keepalived.AssertNoComplaints();
    }

    public void Dispose() => _lab.Dispose();
}
