namespace L7Gate.Demo;

/// <summary>
/// <c>Demo</c> section: sample backends started in-process on loopback so the default config routes visibly on a
/// fresh machine. Leave it out of production configs.
/// </summary>
public sealed class DemoOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "Demo";

    /// <summary>Start the backends and the <c>/demo/backends</c> control endpoints (default true when the section exists).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The sample backends.</summary>
    public List<DemoBackendOptions> Backends { get; set; } = [];
}
