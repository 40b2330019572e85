using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Configuration.Schema;

/// <summary>
/// Generates the JSON Schema of the whole config file from <see cref="ConfigSchemaRegistry"/>: L7Gate's options
/// types and YARP's <see cref="RouteConfig"/>/<see cref="ClusterConfig"/>, through System.Text.Json's
/// <see cref="JsonSchemaExporter"/>. Every object lists its keys and forbids others (<c>additionalProperties: false</c>);
/// dictionaries (instances, routes, destinations, metadata) take any name.
/// </summary>
public static class ConfigSchemaGenerator
{
    /// <summary>Where the schema is shipped, relative to the repository root.</summary>
    public const string ShippedPath = "appsettings/l7gate.schema.json";

    private static readonly Lazy<JsonObject> Cached = new(() => Build(ConfigSchemaRegistry.Sections));

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepBindableProperties } },
    };

    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (_, node) =>
        {
            if (node is JsonObject { } obj && obj.ContainsKey("properties"))
            {
                obj["additionalProperties"] = false;
            }

            return node;
        },
    };

    /// <summary>The schema (a shared instance: clone it before changing it).</summary>
    public static JsonObject Schema => Cached.Value;

    /// <summary>The schema as shipped: indented, LF line ends, final newline.</summary>
    public static string ToText() =>
        Schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    /// <summary>
    /// The schema with <paramref name="sections"/> as L7Gate's top-level sections. The host passes the registry plus
    /// any section registered only through <c>AddConfigSectionValidator</c>, so such a section is never rejected whole.
    /// </summary>
    public static JsonObject Build(IReadOnlyDictionary<string, Type> sections)
    {
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string", ["description"] = "This schema, for editors." },
        };
        foreach (var host in ConfigSchemaRegistry.HostSections)
        {
            properties[host] = new JsonObject { ["description"] = "ASP.NET Core host section: its own rules apply." };
        }

        properties["ReverseProxy"] = ReverseProxy();
        foreach (var (name, type) in sections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            properties[name] = Export(type);
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "L7Gate config file",
            ["description"] = "Generated from L7Gate's options types and YARP's config types (ConfigSchemaGenerator); regenerate with: dotnet run --project src/L7Gate -- --write-schema appsettings/l7gate.schema.json",
            ["type"] = "object",
            ["properties"] = properties,
            ["patternProperties"] = new JsonObject { [ConfigSchemaRegistry.HostKeyPattern] = new JsonObject() },
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject ReverseProxy()
    {
        var route = Export(typeof(RouteConfig));
        var routeProperties = route["properties"]!.AsObject();
        routeProperties.Remove(nameof(RouteConfig.RouteId)); // the route's key names it
        var match = routeProperties[nameof(RouteConfig.Match)]!["properties"]!.AsObject();
        foreach (var type in ConfigSchemaRegistry.RouteMatchTypes)
        {
            foreach (var (key, value) in Export(type)["properties"]!.AsObject())
            {
                match[key] = value!.DeepClone();
            }
        }

        foreach (var (key, type) in ConfigSchemaRegistry.RouteKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            routeProperties[key] = Export(type);
        }

        var cluster = Export(typeof(ClusterConfig));
        var clusterProperties = cluster["properties"]!.AsObject();
        clusterProperties.Remove(nameof(ClusterConfig.ClusterId)); // the cluster's key names it

        // YARP reads SslProtocols as a list of protocol names ("Tls12", "Tls13"), not as the flags enum it binds to.
        clusterProperties[nameof(ClusterConfig.HttpClient)]!["properties"]![nameof(HttpClientConfig.SslProtocols)] = new JsonObject
        {
            ["type"] = new JsonArray("array", "null"),
            ["items"] = new JsonObject { ["type"] = "string" },
        };
        foreach (var (key, type) in ConfigSchemaRegistry.ClusterKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            clusterProperties[key] = Export(type);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["Routes"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = route },
                ["Clusters"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = cluster },
            },
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Export(Type type) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(SerializerOptions, type, ExporterOptions).AsObject();

    /// <summary>
    /// Only what the configuration binder (and YARP's reader) can set is a key: a settable property, or a get-only
    /// one it fills in place (a mutable object). Computed properties (<c>IsUnicast</c>, <c>EffectiveOnStatusCodes</c>) are not.
    /// </summary>
    private static void KeepBindableProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            var type = property.PropertyType;
            var fillable = !type.IsValueType && type != typeof(string) && !type.IsInterface && !type.IsArray
                && (type.IsClass || typeof(IEnumerable).IsAssignableFrom(type));
            if (property.Set is null && !fillable)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
