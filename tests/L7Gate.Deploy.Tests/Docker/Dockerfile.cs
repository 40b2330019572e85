using System.Text.Json;
using System.Text.RegularExpressions;

namespace L7Gate.Deploy.Tests.Docker;

/// <summary>
/// Just enough of the Dockerfile grammar to check what the image will contain without a Docker engine:
/// instructions, stages, COPY sources and exec-form (JSON array) arguments.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileInstruction> instructions) => Instructions = instructions;

    /// <summary>All instructions in order.</summary>
    public IReadOnlyList<DockerfileInstruction> Instructions { get; }

    /// <summary>Index of the last stage (the image that is shipped).</summary>
    public int FinalStage => Instructions.Where(i => i.Keyword == "FROM").Count() - 1;

    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    public static Dockerfile Load(string path)
    {
        var result = new List<DockerfileInstruction>();
        var lines = File.ReadAllLines(path);
        var stage = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var start = i;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                text = text[..^1].TrimEnd() + (next.StartsWith('#') ? string.Empty : " " + next);
            }

            var space = text.IndexOf(' ');
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            result.Add(new DockerfileInstruction(keyword, space < 0 ? string.Empty : text[(space + 1)..].Trim(), stage, start + 1));
        }

        return new Dockerfile(result);
    }

    /// <summary>Instructions with <paramref name="keyword"/>, optionally only in one stage.</summary>
    public IEnumerable<DockerfileInstruction> All(string keyword, int? stage = null) =>
        Instructions.Where(i => i.Keyword == keyword && (stage is null || i.Stage == stage));

    /// <summary>The sources a COPY/ADD takes from the build context (none for COPY --from=stage).</summary>
    public static IReadOnlyList<string> ContextSources(DockerfileInstruction copy)
    {
        var words = Words(copy.Arguments);
        if (words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal)))
        {
            return [];
        }

        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return paths.Take(paths.Count - 1).ToList(); // the last word is the destination
    }

    /// <summary>The destination of a COPY/ADD.</summary>
    public static string Destination(DockerfileInstruction copy) => Words(copy.Arguments)[^1];

    /// <summary>Exec-form arguments (<c>["a", "b"]</c>) of ENTRYPOINT / CMD / HEALTHCHECK ... CMD.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments)
    {
        var open = arguments.IndexOf('[');
        return open < 0
            ? throw new InvalidOperationException($"Not in exec form (a JSON array): {arguments}")
            : JsonSerializer.Deserialize<string[]>(arguments[open..])!;
    }

    private static List<string> Words(string arguments) =>
        WordPattern().Matches(arguments).Select(m => m.Value).ToList();

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordPattern();
}
