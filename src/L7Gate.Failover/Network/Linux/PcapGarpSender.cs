using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using L7Gate.Failover.Network.Linux.Netlink;
using SharpPcap;
using SharpPcap.LibPcap;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// <see cref="IGarpSender"/> through libpcap (SharpPcap): writes the Ethernet frame built by
/// <see cref="GarpFrame"/> on the interface. One pcap handle per interface stays open between bursts;
/// a failed send closes it so the next send reopens it (the interface may have been recreated).
/// </summary>
/// <remarks>
/// SharpPcap finds Debian's runtime library by its versioned name (libpcap.so.0.8), so the
/// <c>libpcap0.8</c> package is enough; the -dev package is not needed.
/// </remarks>
public sealed class PcapGarpSender : IGarpSender, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<LibPcapLiveDevice>> _devices = new(StringComparer.Ordinal);
    private readonly Lock _sendLock = new();

    /// <inheritdoc />
    public Task SendAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"Gratuitous ARP is IPv4 only; {address} is not.", nameof(address));
        }

        var mac = NetlinkInterface.Find(interfaceName)?.Mac
            ?? throw new InvalidOperationException($"Cannot send gratuitous ARP for {address}: interface '{interfaceName}' has no MAC address.");
        var frame = GarpFrame.Build(mac, address);
        var device = _devices.GetOrAdd(interfaceName, name => new Lazy<LibPcapLiveDevice>(() => OpenDevice(name))).Value;
        try
        {
            lock (_sendLock)
            {
                device.SendPacket(frame);
            }
        }
        catch (PcapException ex)
        {
            Close(interfaceName);
            throw new InvalidOperationException($"Cannot send gratuitous ARP for {address} on '{interfaceName}': {ex.Message}", ex);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Opens the interface's pcap handle ahead of time. The first open enumerates devices and loads libpcap,
    /// tens of milliseconds on a busy host — time in which clients still send to the old master.
    /// </summary>
    public void Prepare(string interfaceName) =>
        _ = _devices.GetOrAdd(interfaceName, name => new Lazy<LibPcapLiveDevice>(() => OpenDevice(name))).Value;

    /// <summary>Closes the pcap handles.</summary>
    public void Dispose()
    {
        foreach (var name in _devices.Keys)
        {
            Close(name);
        }
    }

    private static LibPcapLiveDevice OpenDevice(string interfaceName)
    {
        // A fresh list, not LibPcapLiveDeviceList.Instance: that snapshot would miss interfaces created later.
        var device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == interfaceName)
            ?? throw new InvalidOperationException($"libpcap does not see interface '{interfaceName}'.");
        device.Open(DeviceModes.None, 100);
        return device;
    }

    private void Close(string interfaceName)
    {
        if (_devices.TryRemove(interfaceName, out var device) && device.IsValueCreated)
        {
            device.Value.Dispose();
        }
    }
}
