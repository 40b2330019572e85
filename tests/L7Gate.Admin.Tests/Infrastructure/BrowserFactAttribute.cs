namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>
/// A fact that needs Node.js and Chromium. Skipped when they are missing, unless <c>L7GATE_REQUIRE_BROWSER=1</c>
/// (set by <c>.ci/run</c>): then it runs and fails, so CI never passes without the browser test.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("L7GATE_REQUIRE_BROWSER") == "1")
        {
            return;
        }

        if (BrowserTools.Missing() is { } missing)
        {
            Skip = $"{missing}; install Debian's chromium and Node.js (set L7GATE_REQUIRE_BROWSER=1 to make this a failure)";
        }
    }
}
