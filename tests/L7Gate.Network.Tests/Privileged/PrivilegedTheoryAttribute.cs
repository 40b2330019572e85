namespace L7Gate.Network.Tests.Privileged;

/// <summary>The theory form of <see cref="PrivilegedFactAttribute"/>.</summary>
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    public PrivilegedTheoryAttribute()
    {
        if (PrivilegedEnvironment.Missing is { } missing && !PrivilegedEnvironment.Required)
        {
            Skip = missing + $" (set {PrivilegedEnvironment.RequireVariable}=1 to fail instead of skipping)";
        }
    }
}
