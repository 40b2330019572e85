using System.Globalization;
using System.Text;
using L7Gate.Proxy.Routing.Browsers;
using Xunit.Abstractions;

namespace L7Gate.Proxy.Tests.Routing.Browsers;

/// <summary>
/// The classifier against a labelled corpus derived from uap-core's test resources (Corpus/README.md):
/// prints precision and recall per family and for bots, and fails below the goals.
/// </summary>
public sealed class UserAgentCorpusTests(ITestOutputHelper output)
{
    /// <summary>Least share of corpus strings whose label (family, Other or Bot) L7Gate must agree with.</summary>
    private const double FamilyAgreementGoal = 0.97;

    /// <summary>Least share of the corpus's bots that L7Gate must class as Bot.</summary>
    private const double BotRecallGoal = 0.95;

    /// <summary>Least share of L7Gate's Bot verdicts that must be bots (a browser routed to a prerender is a bug too).</summary>
    private const double BotPrecisionGoal = 0.95;

    private static readonly string[] Labels = ["Chrome", "Edge", "Firefox", "Safari", "Opera", "Other", "Bot"];

    [Fact]
    public void ClassifyUncached_UapCoreCorpus_MeetsAgreementAndBotRecallGoals()
    {
        var corpus = LoadCorpus();
        Assert.True(corpus.Count > 4000, $"corpus has only {corpus.Count} strings");

        var truePositives = Labels.ToDictionary(l => l, _ => 0);
        var expectedCounts = Labels.ToDictionary(l => l, _ => 0);
        var predictedCounts = Labels.ToDictionary(l => l, _ => 0);
        var misses = new List<string>();
        foreach (var (expected, userAgent) in corpus)
        {
            var predicted = Label(BrowserClassifier.ClassifyUncached(userAgent, null, null).Class);
            expectedCounts[expected]++;
            predictedCounts[predicted]++;
            if (predicted == expected)
            {
                truePositives[expected]++;
            }
            else
            {
                misses.Add($"  expected {expected,-7} got {predicted,-7} {userAgent}");
            }
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"corpus: {corpus.Count} User-Agent strings (uap-core test resources)");
        report.AppendLine("label     count  precision  recall");
        foreach (var label in Labels)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{label,-8} {expectedCounts[label],6}  {Ratio(truePositives[label], predictedCounts[label]),9:P1}  {Ratio(truePositives[label], expectedCounts[label]),6:P1}");
        }

        var agreement = Ratio(truePositives.Values.Sum(), corpus.Count);
        var botRecall = Ratio(truePositives["Bot"], expectedCounts["Bot"]);
        var botPrecision = Ratio(truePositives["Bot"], predictedCounts["Bot"]);
        report.AppendLine(CultureInfo.InvariantCulture, $"agreement {agreement:P2} (goal {FamilyAgreementGoal:P0}), bot recall {botRecall:P2} (goal {BotRecallGoal:P0}), bot precision {botPrecision:P2}");
        report.AppendLine(CultureInfo.InvariantCulture, $"misses ({misses.Count}):");
        foreach (var miss in misses)
        {
            report.AppendLine(miss);
        }

        output.WriteLine(report.ToString());
        Assert.True(agreement >= FamilyAgreementGoal, report.ToString());
        Assert.True(botRecall >= BotRecallGoal, report.ToString());
        Assert.True(botPrecision >= BotPrecisionGoal, report.ToString());
    }

    private static string Label(BrowserClass value)
    {
        if (value.HasFlag(BrowserClass.Bot))
        {
            return "Bot";
        }

        return (value & BrowserClass.Families) switch
        {
            BrowserClass.Chrome => "Chrome",
            BrowserClass.Edge => "Edge",
            BrowserClass.Firefox => "Firefox",
            BrowserClass.Safari => "Safari",
            BrowserClass.Opera => "Opera",
            _ => "Other",
        };
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static List<(string Expected, string UserAgent)> LoadCorpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "user-agents.tsv");
        var corpus = new List<(string, string)>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t', 4);
            Assert.True(fields.Length == 4 && Labels.Contains(fields[0]), $"bad corpus line: {line}");
            corpus.Add((fields[0], fields[3]));
        }

        return corpus;
    }
}
