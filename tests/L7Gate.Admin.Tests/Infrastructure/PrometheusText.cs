using System.Globalization;
using System.Text.RegularExpressions;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text exposition, whatever the label order.</summary>
public static partial class PrometheusText
{
    /// <summary>The value of the one sample of <paramref name="name"/> carrying all <paramref name="labels"/> ("k=v"); null when none.</summary>
    public static double? Value(string exposition, string name, params string[] labels)
    {
        foreach (Match match in Sample().Matches(exposition))
        {
            if (match.Groups["name"].Value != name)
            {
                continue;
            }

            var present = LabelPair().Matches(match.Groups["labels"].Value).Select(l => $"{l.Groups[1].Value}={l.Groups[2].Value}").ToHashSet();
            if (labels.All(present.Contains))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""([^""]*)""")]
    private static partial Regex LabelPair();
}
