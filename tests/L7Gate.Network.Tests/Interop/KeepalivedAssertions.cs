using L7Gate.Network.Tests.Lab;

namespace L7Gate.Network.Tests.Interop;

/// <summary>Assertions on a keepalived peer (kept out of Lab/, which the failover benchmark compiles without xunit).</summary>
internal static class KeepalivedAssertions
{
    /// <summary>
    /// Fails when keepalived complained, naming the complaints on the first line of the message (the line the
    /// CI summary prints), followed by keepalived's whole log and <paramref name="context"/>.
    /// </summary>
    public static void AssertNoComplaints(this KeepalivedPeer keepalived, string? context = null)
    {
        var complaints = keepalived.Complaints();
        Assert.True(
            complaints.Count == 0,
            $"keepalived complained: {string.Join(" | ", complaints)}{Environment.NewLine}{keepalived.Process.Output}{Environment.NewLine}{context}");
    }
}
