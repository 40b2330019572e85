using System.Text;

namespace L7Gate.Failover.Import;

/// <summary>
/// Reads keepalived.conf syntax into statements: words separated by blanks, one statement per line, <c>{</c> opens a
/// block and <c>}</c> closes it (attached to a word or not), <c>#</c> and <c>!</c> at the start of a word begin a comment, double quotes
/// group words, and <c>include &lt;file or glob&gt;</c> reads other files (relative to the including file). Written
/// from keepalived.conf(5); keepalived's own parser is not used.
/// </summary>
public static class KeepalivedConfParser
{
    private const int MaxIncludeDepth = 8;

    /// <summary>Parses the file at <paramref name="path"/>; throws <see cref="FormatException"/> naming file and line on bad syntax.</summary>
    public static IReadOnlyList<KeepalivedStatement> ParseFile(string path) => ParseFile(Path.GetFullPath(path), 0);

    /// <summary>Parses <paramref name="text"/> (includes resolve against <paramref name="directory"/>).</summary>
    public static IReadOnlyList<KeepalivedStatement> Parse(string text, string sourceName, string? directory = null) =>
        Parse(text, sourceName, directory ?? Directory.GetCurrentDirectory(), 0);

    private static IReadOnlyList<KeepalivedStatement> ParseFile(string path, int depth) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path), Path.GetDirectoryName(path)!, depth);

    private static List<KeepalivedStatement> Parse(string text, string sourceName, string directory, int depth)
    {
        var root = new List<KeepalivedStatement>();
        var stack = new Stack<(List<KeepalivedStatement> Into, string Keyword, List<string> Arguments, List<KeepalivedStatement> Block, string Source)>();
        var current = root;
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            var source = $"{sourceName}:{n + 1}";
            var words = new List<string>();
            foreach (var token in Tokenize(lines[n], source))
            {
                if (token == "{")
                {
                    if (words.Count == 0)
                    {
                        // A "{" on a line of its own opens the block of the previous block-less statement.
                        if (current.Count == 0 || current[^1].Block is not null)
                        {
                            throw new FormatException($"{source}: '{{' without a keyword before it");
                        }

                        var previous = current[^1];
                        current.RemoveAt(current.Count - 1);
                        words.Add(previous.Keyword);
                        words.AddRange(previous.Arguments);
                    }

                    var block = new List<KeepalivedStatement>();
                    stack.Push((current, words[0], words.Skip(1).ToList(), block, source));
                    current = block;
                    words = [];
                }
                else if (token == "}")
                {
                    Flush(current, words, source, directory, depth);
                    words = [];
                    if (stack.Count == 0)
                    {
                        throw new FormatException($"{source}: '}}' without a matching '{{'");
                    }

                    var open = stack.Pop();
                    open.Into.Add(new KeepalivedStatement(open.Keyword, open.Arguments, open.Block, open.Source));
                    current = open.Into;
                }
                else
                {
                    words.Add(token);
                }
            }

            Flush(current, words, source, directory, depth);
        }

        if (stack.Count > 0)
        {
            var open = stack.Peek();
            throw new FormatException($"{open.Source}: block '{open.Keyword}' is not closed with '}}'");
        }

        return root;
    }

    private static void Flush(List<KeepalivedStatement> into, List<string> words, string source, string directory, int depth)
    {
        if (words.Count == 0)
        {
            return;
        }

        if (words[0] == "include")
        {
            if (words.Count != 2)
            {
                throw new FormatException($"{source}: include takes one file or pattern");
            }

            if (depth >= MaxIncludeDepth)
            {
                throw new FormatException($"{source}: includes nested deeper than {MaxIncludeDepth}");
            }

            foreach (var file in Expand(words[1], directory))
            {
                into.AddRange(ParseFile(file, depth + 1));
            }

            return;
        }

        into.Add(new KeepalivedStatement(words[0], words.Skip(1).ToArray(), null, source));
    }

    // A pattern's directory part is literal; its file part may hold * and ? (keepalived uses glob(3)).
    private static IEnumerable<string> Expand(string pattern, string directory)
    {
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(directory, pattern);
        var dir = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            return [full];
        }

        return Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal) : [];
    }

    private static IEnumerable<string> Tokenize(string line, string source)
    {
        var word = new StringBuilder();
        bool quoted = false;
        bool hadQuote = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                quoted = true;
                hadQuote = true;
            }
            else if ((c is '#' or '!') && word.Length == 0 && !hadQuote)
            {
                break; // a comment starts a word; "pa!ss" stays a word
            }
            else if (c is '{' or '}')
            {
                if (word.Length > 0 || hadQuote)
                {
                    yield return word.ToString();
                    word.Clear();
                    hadQuote = false;
                }

                yield return c.ToString();
            }
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0 || hadQuote)
                {
                    yield return word.ToString();
                    word.Clear();
                    hadQuote = false;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException($"{source}: a quoted string is not closed");
        }

        if (word.Length > 0 || hadQuote)
        {
            yield return word.ToString();
        }
    }
}
