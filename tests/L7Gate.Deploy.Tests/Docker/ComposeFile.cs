using System.Net;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace L7Gate.Deploy.Tests.Docker;

/// <summary>
/// A docker compose file read with a YAML parser (merge keys resolved as Compose does), with the
/// services, their fixed addresses and their bind mounts.
/// </summary>
internal sealed class ComposeFile
{
    private ComposeFile(string path, Dictionary<object, object> root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The parsed document.</summary>
    public Dictionary<object, object> Root { get; }

    /// <summary>Every compose file under docker/ (one folder per HA mode).</summary>
    public static IEnumerable<string> All(string dockerDirectory) =>
        Directory.EnumerateFiles(dockerDirectory, "compose.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="path"/>; throws YamlException with a line number on bad YAML.</summary>
    public static ComposeFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new MergingParser(new Parser(reader));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(parser);
        return new ComposeFile(path, root);
    }

    /// <summary>Services by name.</summary>
    public IReadOnlyDictionary<string, Dictionary<object, object>> Services =>
        Map(Root, "services").ToDictionary(kv => (string)kv.Key, kv => (Dictionary<object, object>)kv.Value);

    /// <summary>Services built from this repository's Dockerfile: the gateways.</summary>
    public IReadOnlyDictionary<string, Dictionary<object, object>> Gateways =>
        Services.Where(s => s.Value.ContainsKey("build")).ToDictionary(s => s.Key, s => s.Value);

    /// <summary>The one network's subnet.</summary>
    public (IPAddress Network, int Prefix) Subnet
    {
        get
        {
            var network = Map(Root, "networks").Values.Cast<Dictionary<object, object>>().Single();
            var config = (List<object>)Map(network, "ipam")["config"];
            var text = (string)((Dictionary<object, object>)config.Single())["subnet"];
            var parts = text.Split('/');
            return (IPAddress.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The fixed IPv4 address of a service on its network.</summary>
    public static IPAddress Address(Dictionary<object, object> service)
    {
        var network = Map(service, "networks").Values.Cast<Dictionary<object, object>>().Single();
        return IPAddress.Parse((string)network["ipv4_address"]);
    }

    /// <summary>Bind mounts of a service as (host path resolved against the file's folder, container path).</summary>
    public IEnumerable<(string Source, string Target)> BindMounts(Dictionary<object, object> service)
    {
        if (!service.TryGetValue("volumes", out var volumes))
        {
            yield break;
        }

        foreach (var volume in ((List<object>)volumes).Cast<string>())
        {
            var parts = volume.Split(':');
            if (parts[0].StartsWith('.') || parts[0].StartsWith('/'))
            {
                yield return (System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, parts[0])), parts[1]);
            }
        }
    }

    /// <summary>A list-valued key of a service as strings (empty when absent).</summary>
    public static IReadOnlyList<string> Strings(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) ? ((List<object>)value).Select(v => v.ToString()!).ToList() : [];

    private static Dictionary<object, object> Map(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is Dictionary<object, object> map
            ? map
            : throw new InvalidOperationException($"'{key}' is missing or not a mapping");
}
