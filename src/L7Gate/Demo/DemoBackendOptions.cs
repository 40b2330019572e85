namespace L7Gate.Demo;

/// <summary>One sample backend: it answers every request with its name and what it received.</summary>
public sealed class DemoBackendOptions
{
    /// <summary>Name shown in responses and used by <c>/demo/backends/{name}/stop</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Loopback listen address with an explicit port ("http://127.0.0.1:5101").</summary>
    public string Url { get; set; } = string.Empty;
}
