namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>
/// A User-Agent split per RFC 9110 §10.1.5: products (<c>name[/version]</c>) and the items of its
/// comments (the text in parentheses, split at <c>;</c>, nested comments flattened).
/// </summary>
/// <param name="Products">Products in order, outside comments.</param>
/// <param name="CommentItems">Trimmed, non-empty comment items in order.</param>
public sealed record UserAgentTokens(IReadOnlyList<UserAgentProduct> Products, IReadOnlyList<string> CommentItems)
{
    /// <summary>True when a product has this name (case-insensitive).</summary>
    public bool HasProduct(string name)
    {
        foreach (var product in Products)
        {
            if (string.Equals(product.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a comment item starts with <paramref name="prefix"/> (case-insensitive).</summary>
    public bool HasCommentItem(string prefix)
    {
        foreach (var item in CommentItems)
        {
            if (item.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
