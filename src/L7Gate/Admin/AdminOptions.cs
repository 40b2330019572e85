namespace L7Gate.Admin;

/// <summary>The <c>Admin</c> section: where the admin API listens and how it is protected.</summary>
public sealed class AdminOptions
{
    /// <summary>Section name in the config file.</summary>
    public const string SectionName = "Admin";

    /// <summary>Default listener: loopback only, so a node is not administrable from the network until an operator says so.</summary>
    public const string DefaultUrls = "http://127.0.0.1:9901";

    /// <summary>
    /// Semicolon-separated listener URLs of the admin API, separate from the proxy's listeners
    /// (<c>http://127.0.0.1:9901</c>, <c>http://0.0.0.0:9901;http://[::]:9901</c>). Read at startup.
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>
    /// Bearer key for <c>Authorization: Bearer &lt;ApiKey&gt;</c>. Mutating endpoints always need it (they answer 403
    /// while it is unset); every endpoint needs it when <see cref="Urls"/> binds a non-loopback address, and the
    /// process refuses to start if such a listener has no key.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Server certificate of an <c>https://</c> entry of <see cref="Urls"/>; required by one. Read at startup.</summary>
    public AdminCertificateOptions? Certificate { get; set; }

    /// <summary>Serve the dashboard page at <c>/admin/</c>.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Node name shown by <c>/admin/status</c> and the dashboard; the machine name when unset.</summary>
    public string? NodeName { get; set; }
}
