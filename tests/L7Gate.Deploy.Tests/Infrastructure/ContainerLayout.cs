using System.Text.Json;
using System.Text.Json.Nodes;

namespace L7Gate.Deploy.Tests.Infrastructure;

/// <summary>
/// A container-like folder: <c>etc/l7gate/appsettings.json</c> holds the config the image ships, with
/// the proxy and admin listeners moved from 8080/9901 to free loopback ports.
/// </summary>
public sealed class ContainerLayout
{
    private ContainerLayout(string root, int proxyPort, int adminPort)
    {
        Root = root;
        ProxyPort = proxyPort;
        AdminPort = adminPort;
    }

    /// <summary>The folder standing in for the container's /.</summary>
    public string Root { get; }

    /// <summary>Where the config lives, as /etc/l7gate/appsettings.json in the image.</summary>
    public string ConfigPath => Path.Combine(Root, "etc", "l7gate", "appsettings.json");

    /// <summary>The proxy listener's port (8080 in the image).</summary>
    public int ProxyPort { get; }

    /// <summary>The admin listener's port (9901 in the image).</summary>
    public int AdminPort { get; }

    /// <summary>The proxy's base address.</summary>
    public Uri ProxyUrl => new($"http://127.0.0.1:{ProxyPort}/");

    /// <summary>The admin listener's base address.</summary>
    public Uri AdminUrl => new($"http://127.0.0.1:{AdminPort}/");

    /// <summary>The image's default config as parsed JSON (docker/appsettings.json).</summary>
    public static JsonObject ImageConfig() =>
        JsonNode.Parse(
            File.ReadAllText(RepoPaths.Of("docker/appsettings.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

    internal static ContainerLayout Create(string root)
    {
        var layout = new ContainerLayout(root, FreePort.Next(), FreePort.Next());
        var config = ImageConfig();
        config["Urls"] = layout.ProxyUrl.ToString().TrimEnd('/');
        var admin = config["Admin"] as JsonObject ?? [];
        admin["Urls"] = layout.AdminUrl.ToString().TrimEnd('/');
        config["Admin"] = admin;
        var text = config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        // The demo backends run in-process on fixed loopback ports; move them (and the destinations
        // that point at them) too, so parallel test runs cannot collide.
        foreach (var backend in (config["Demo"]?["Backends"] as JsonArray ?? []).Select(b => new Uri(b!["Url"]!.GetValue<string>())))
        {
            text = text.Replace($"{backend.Host}:{backend.Port}", $"{backend.Host}:{FreePort.Next()}", StringComparison.Ordinal);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(layout.ConfigPath)!);
        File.WriteAllText(layout.ConfigPath, text);
        return layout;
    }
}
