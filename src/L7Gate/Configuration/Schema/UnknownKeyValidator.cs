using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using L7Gate.Proxy.Configuration;

namespace L7Gate.Configuration.Schema;

/// <summary>
/// Reports every key of a config file that the schema (<see cref="ConfigSchemaGenerator"/>) does not know, with its
/// key path and the nearest valid key ("did you mean 'Priority'?"), and a section or list given where a single value belongs
/// (the binder would ignore it). Keys match case-insensitively, as the configuration binder does; values are left to the binder and
/// the section validators, which already report them with their rules. A walk of our own rather than a JSON Schema
/// validator: that one would be case-sensitive where configuration is not, reject "200" for an integer the binder
/// accepts, and has no suggestions.
/// </summary>
internal static class UnknownKeyValidator
{
    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Every unknown key of <paramref name="json"/>; empty when it is not JSON (the parser reports that).</summary>
    public static IReadOnlyList<ConfigError> Validate(string json) => Validate(json, ConfigSchemaGenerator.Schema);

    /// <summary>Every key of <paramref name="json"/> that <paramref name="schema"/> does not know.</summary>
    public static IReadOnlyList<ConfigError> Validate(string json, JsonObject schema)
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

        var errors = new List<ConfigError>();
        Check(root, schema, string.Empty, errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonNode? schema, string path, List<ConfigError> errors)
    {
        if (value is null || schema is not JsonObject rule)
        {
            return;
        }

        var types = Types(rule);
        switch (value)
        {
            case JsonObject obj when types is not null && !types.Contains("object"):
                errors.Add(new ConfigError(path, $"{path} is a section here, but it takes a value ({string.Join(" or ", types.Where(t => t != "null"))})."));
                return;
            case JsonObject obj:
                CheckObject(obj, rule, path, errors);
                return;
            case JsonArray when types is not null && !types.Contains("array"):
                errors.Add(new ConfigError(path, $"{path} is a list here, but it takes {string.Join(" or ", types.Where(t => t != "null"))}."));
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], rule["items"], Combine(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), errors);
                }

                return;
            default:
                // A single value where a list or section belongs is reported by the binder and the validators.
                return;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject rule, string path, List<ConfigError> errors)
    {
        var properties = rule["properties"] as JsonObject;
        var patterns = rule["patternProperties"] as JsonObject;
        var additional = rule["additionalProperties"];
        foreach (var (key, child) in obj)
        {
            var childPath = Combine(path, key);
            var known = properties?.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (known is { Key: not null } property)
            {
                Check(child, property.Value, childPath, errors);
            }
            else if (patterns?.FirstOrDefault(p => Regex.IsMatch(key, p.Key, RegexOptions.IgnoreCase)) is { Key: not null } pattern)
            {
                Check(child, pattern.Value, childPath, errors);
            }
            else if (additional is JsonValue closed && closed.TryGetValue<bool>(out var allowed) && !allowed)
            {
                errors.Add(new ConfigError(childPath, UnknownKeyMessage(key, path, properties)));
            }
            else
            {
                Check(child, additional, childPath, errors);
            }
        }
    }

    private static string UnknownKeyMessage(string key, string parent, JsonObject? properties)
    {
        var valid = properties?.Select(p => p.Key).Where(k => k != "$schema").ToList() ?? [];
        var where = parent.Length == 0 ? "at the top level" : $"in {parent}";
        var suggestion = KeySuggestion.Nearest(key, valid);
        return suggestion is not null
            ? $"unknown key '{key}' {where}; did you mean '{suggestion}'?"
            : $"unknown key '{key}' {where}; valid keys: {string.Join(", ", valid)}.";
    }

    private static IReadOnlyList<string>? Types(JsonObject rule) => rule["type"] switch
    {
        JsonValue single when single.TryGetValue<string>(out var type) => [type],
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
        _ => null,
    };

    private static string Combine(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";
}
