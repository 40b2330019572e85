using System.Net.NetworkInformation;

namespace L7Gate.Failover.Network;

/// <summary>
/// The macvlan that carries an instance's virtual MAC (RFC 5798 §7.3, keepalived <c>use_vmac</c>): created on the
/// instance's interface, brought up by the master, kept down by backups, removed on shutdown (rtnetlink in production).
/// </summary>
public interface IVirtualMacLinks
{
    /// <summary>
    /// Makes <paramref name="name"/> a macvlan on <paramref name="parentInterface"/> with <paramref name="mac"/>, down, and
    /// sets the ARP sysctls that keep the parent from answering for the VIPs. A link of that name a crashed run left is
    /// reused when it is the same macvlan and replaced when it is another one; an interface that is no macvlan is
    /// refused (it is an operator's, not ours). Returns what was done, for the log.
    /// </summary>
    VirtualMacPreparation Prepare(string parentInterface, string name, PhysicalAddress mac);

    /// <summary>Sets the macvlan administratively up or down.</summary>
    void SetUp(string name, bool up);

    /// <summary>Deletes the macvlan (absent is not an error) and puts the parent's ARP sysctls back once no macvlan of this process is left on it.</summary>
    void Remove(string parentInterface, string name);

    /// <summary>
    /// Removes every macvlan this process still has: one whose VIPs a drain held outlives its instance's stop, and goes
    /// once the host has released them.
    /// </summary>
    void RemoveAll();
}

/// <summary>What <see cref="IVirtualMacLinks.Prepare"/> found and did.</summary>
public enum VirtualMacPreparation
{
    /// <summary>No link of that name existed; it was created.</summary>
    Created,

    /// <summary>The same macvlan (parent, MAC, mode) was there from a previous run; it was set down and kept.</summary>
    Reused,

    /// <summary>A different macvlan of that name was there; it was deleted and created anew.</summary>
    Replaced,
}

/// <summary>The virtual router MAC address of RFC 5798 §7.3.</summary>
public static class VirtualMacAddress
{
    /// <summary>IPv4: 00-00-5E-00-01-{VRID}.</summary>
    public static PhysicalAddress ForIPv4(byte virtualRouterId) => new([0x00, 0x00, 0x5E, 0x00, 0x01, virtualRouterId]);
}
