using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace L7Gate.Configuration;

/// <summary>
/// Parses a candidate config file's JSON exactly as ASP.NET Core's JSON provider would (comments and trailing
/// commas allowed, keys case-insensitive), but reports a syntax error with its line and position instead of
/// silently clearing the data.
/// </summary>
internal static class ConfigFileParser
{
    public static bool TryParse(string json, out IDictionary<string, string?> data, out ConfigError? error)
    {
        data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = new ConfigError(string.Empty, "the config file is empty: expected a JSON object with at least a ReverseProxy section.");
            return false;
        }

        try
        {
            using (JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
            {
            }
        }
        catch (JsonException ex)
        {
            error = new ConfigError(string.Empty,
                $"malformed JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {StripLocation(ex.Message)}");
            return false;
        }

        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
            foreach (var (key, value) in configuration.AsEnumerable())
            {
                if (value is not null)
                {
                    data[key] = value;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            // Valid JSON the configuration system still refuses: a top-level array, or a duplicate key.
            error = new ConfigError(string.Empty, $"unusable config file: {ex.Message}");
            return false;
        }
    }

    /// <summary>System.Text.Json appends "Path: $ | LineNumber: 2 | BytePositionInLine: 4." (0-based); we print our own, 1-based.</summary>
    private static string StripLocation(string message)
    {
        foreach (var marker in (string[])[" Path: ", " LineNumber: "])
        {
            var index = message.IndexOf(marker, StringComparison.Ordinal);
            if (index > 0)
            {
                message = message[..index];
            }
        }

        return message;
    }
}
