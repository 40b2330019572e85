namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// Tokenizes a User-Agent (RFC 9110 §10.1.5):
/// <code>
/// User-Agent = product *( RWS ( product / comment ) )
/// product    = token ["/" product-version]
/// comment    = "(" *( ctext / quoted-pair / comment ) ")"
/// </code>
/// Lenient where real agents break the grammar (odd characters in tokens, a missing closing
/// parenthesis), bounded everywhere: at most <see cref="MaxTokens"/> products and comment items,
/// comments nested at most <see cref="MaxDepth"/> deep. The caller bounds the length.
/// </summary>
public static class UserAgentTokenizer
{
    /// <summary>Most products, and most comment items, kept.</summary>
    public const int MaxTokens = 64;

    /// <summary>Deepest comment nesting followed; deeper parentheses are treated as text.</summary>
    public const int MaxDepth = 4;

    /// <summary>Splits <paramref name="userAgent"/> into products and comment items.</summary>
    public static UserAgentTokens Tokenize(string userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        var products = new List<UserAgentProduct>();
        var items = new List<string>();
        var i = 0;
        while (i < userAgent.Length)
        {
            var c = userAgent[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                ReadComment(userAgent, ref i, items);
            }
            else
            {
                var start = i;
                while (i < userAgent.Length && !char.IsWhiteSpace(userAgent[i]) && userAgent[i] != '(')
                {
                    i++;
                }

                if (products.Count < MaxTokens)
                {
                    var token = userAgent.AsSpan(start, i - start);
                    var slash = token.IndexOf('/');
                    products.Add(slash < 0
                        ? new UserAgentProduct(token.ToString(), null)
                        : new UserAgentProduct(token[..slash].ToString(), token[(slash + 1)..].ToString()));
                }
            }
        }

        return new UserAgentTokens(products, items);
    }

    // i is at '('; leaves i after the matching ')' (or at the end when it never comes).
    private static void ReadComment(string s, ref int i, List<string> items)
    {
        var depth = 0;
        var itemStart = i + 1;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\')
            {
                i++; // quoted-pair: the next character is text
            }
            else if (c == '(' && depth < MaxDepth)
            {
                AddItem(s, itemStart, i, items);
                depth++;
                itemStart = i + 1;
            }
            else if (c == ')' && depth > 0)
            {
                AddItem(s, itemStart, i, items);
                depth--;
                itemStart = i + 1;
                if (depth == 0)
                {
                    i++;
                    return;
                }
            }
            else if (c == ';')
            {
                AddItem(s, itemStart, i, items);
                itemStart = i + 1;
            }
        }

        AddItem(s, itemStart, Math.Min(i, s.Length), items);
    }

    private static void AddItem(string s, int start, int end, List<string> items)
    {
        if (end <= start || items.Count >= MaxTokens)
        {
            return;
        }

        var item = s.AsSpan(start, end - start).Trim();
        if (!item.IsEmpty)
        {
            items.Add(item.ToString());
        }
    }
}
