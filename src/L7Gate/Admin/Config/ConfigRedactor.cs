using System.Text.Json;
using System.Text.Json.Nodes;

namespace L7Gate.Admin.Config;

/// <summary>
/// Replaces secret values in a config document before it leaves the node: <c>Admin:ApiKey</c>, failover
/// <c>Authentication:Password</c>, and any key whose name contains Password, Secret, Key or Token
/// (names ending in "KeyName", such as YARP's <c>AffinityKeyName</c>, name a key rather than hold one).
/// </summary>
public static class ConfigRedactor
{
    /// <summary>What a redacted value is replaced with.</summary>
    public const string Redacted = "***";

    private static readonly string[] SecretWords = ["password", "secret", "key", "token"];

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>True when a config key's value must not be shown.</summary>
    public static bool IsSecretName(string name) =>
        !name.EndsWith("KeyName", StringComparison.OrdinalIgnoreCase)
        && SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The document with every secret value replaced; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonNode? Redact(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: ParseOptions);
        Visit(root);
        return root;
    }

    /// <summary>
    /// Key paths ("Admin:ApiKey") of secrets whose value is the redaction placeholder: a config fetched from
    /// <c>GET /admin/config</c> and posted back unedited would otherwise replace the real secrets with "***".
    /// Empty when the text is not JSON (the config validator reports that).
    /// </summary>
    public static IReadOnlyList<string> FindPlaceholders(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: ParseOptions);
        }
        catch (JsonException)
        {
            return [];
        }

        var found = new List<string>();
        Find(root, string.Empty, found);
        return found;
    }

    private static void Find(JsonNode? node, string path, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : $"{path}:{name}";
                    if (IsSecretName(name) && child is JsonValue value && value.TryGetValue<string>(out var text) && text == Redacted)
                    {
                        found.Add(childPath);
                    }
                    else
                    {
                        Find(child, childPath, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Find(array[i], $"{path}:{i}", found);
                }

                break;
        }
    }

    private static void Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(name) && obj[name] is not null and not JsonObject and not JsonArray)
                    {
                        obj[name] = Redacted;
                    }
                    else if (IsSecretName(name) && obj[name] is JsonArray)
                    {
                        obj[name] = new JsonArray(Redacted);
                    }
                    else
                    {
                        Visit(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item);
                }

                break;
        }
    }
}
