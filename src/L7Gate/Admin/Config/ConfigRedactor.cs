using System.Text.Json;
using System.Text.Json.Nodes;
using L7Gate.Proxy.Secrets;

namespace L7Gate.Admin.Config;

/// <summary>
/// Replaces secret values in a config document before it leaves the node, with <see cref="SecretRedactor"/>'s rules:
/// by key name (<c>Admin:ApiKey</c>, failover <c>Authentication:Password</c>, any key containing Password, Secret, Key
/// or Token), by value (the userinfo of any URL: destinations, health-probe addresses, OTLP endpoint), and the
/// <c>Set</c>/<c>Append</c> value of a YARP header or query transform whose header is a credential (Authorization, Cookie, …).
/// </summary>
public static class ConfigRedactor
{
    /// <summary>What a redacted value is replaced with.</summary>
    public const string Redacted = SecretRedactor.Placeholder;

    // YARP transform keys naming the header or query parameter the transform writes ("RequestHeader": "Authorization").
    private static readonly string[] TransformTargets = ["RequestHeader", "ResponseHeader", "ResponseTrailer", "QueryValueParameter"];

    // The transform keys that carry the written value.
    private static readonly string[] TransformValues = ["Set", "Append"];

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>True when a config key's value must not be shown.</summary>
    public static bool IsSecretName(string name) => SecretRedactor.IsSecretName(name);

    /// <summary>The document with every secret value replaced; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonNode? Redact(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: ParseOptions);
        Visit(root, string.Empty, (obj, name, _) => obj[name] = Replacement(obj[name]));
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
        Visit(root, string.Empty, (_, _, _) => { }, (path, text, whole) =>
        {
            if ((whole && text == Redacted) || text.Contains("://" + Redacted + "@", StringComparison.Ordinal))
            {
                found.Add(path);
            }
        });
        return found;
    }

    /// <summary>
    /// Walks the document; <paramref name="secret"/> is called for every property whose whole value is secret,
    /// <paramref name="placeholderCheck"/> (when given) for every string that is or would be redacted.
    /// </summary>
    private static void Visit(JsonNode? node, string path, Action<JsonObject, string, string> secret, Action<string, string, bool>? placeholderCheck = null)
    {
        switch (node)
        {
            case JsonObject obj:
                var credentialTransform = IsCredentialTransform(obj);
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var childPath = path.Length == 0 ? name : $"{path}:{name}";
                    var child = obj[name];
                    var whole = (IsSecretName(name) && child is not JsonObject)
                        || (credentialTransform && TransformValues.Any(v => v.Equals(name, StringComparison.OrdinalIgnoreCase)));
                    if (whole)
                    {
                        if (child is JsonValue v && v.TryGetValue<string>(out var text))
                        {
                            placeholderCheck?.Invoke(childPath, text, true);
                        }

                        if (child is not null)
                        {
                            secret(obj, name, childPath);
                        }
                    }
                    else if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (placeholderCheck is not null)
                        {
                            placeholderCheck(childPath, text, false);
                        }
                        else if (SecretRedactor.ContainsUrlUserInfo(text))
                        {
                            obj[name] = SecretRedactor.RedactUrlUserInfo(text);
                        }
                    }
                    else
                    {
                        Visit(child, childPath, secret, placeholderCheck);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (placeholderCheck is not null)
                        {
                            placeholderCheck($"{path}:{i}", text, false);
                        }
                        else if (SecretRedactor.ContainsUrlUserInfo(text))
                        {
                            array[i] = SecretRedactor.RedactUrlUserInfo(text);
                        }
                    }
                    else
                    {
                        Visit(array[i], $"{path}:{i}", secret, placeholderCheck);
                    }
                }

                break;
        }
    }

    private static JsonNode Replacement(JsonNode? value) => value is JsonArray ? new JsonArray(Redacted) : Redacted;

    private static bool IsCredentialTransform(JsonObject obj) =>
        obj.Any(p => TransformTargets.Any(t => t.Equals(p.Key, StringComparison.OrdinalIgnoreCase))
            && p.Value is JsonValue v && v.TryGetValue<string>(out var header)
            && (SecretRedactor.IsCredentialHeader(header) || SecretRedactor.IsSecretName(header)));
}
