namespace L7Gate.Network.Tests.Privileged;

/// <summary>
/// A fact that needs root and <c>ip netns</c>. Skipped where they are missing, unless
/// L7GATE_REQUIRE_PRIVILEGED=1 (CI): then it runs and fails on the missing privilege.
/// </summary>
public sealed class PrivilegedFactAttribute : FactAttribute
{
    public PrivilegedFactAttribute()
    {
        if (PrivilegedEnvironment.Missing is { } missing && !PrivilegedEnvironment.Required)
        {
            Skip = missing + $" (set {PrivilegedEnvironment.RequireVariable}=1 to fail instead of skipping)";
        }
    }
}
