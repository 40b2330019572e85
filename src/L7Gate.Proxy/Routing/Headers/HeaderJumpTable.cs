using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Primitives;

namespace L7Gate.Proxy.Routing.Headers;

/// <summary>One hash lookup of a request header's value: the DFA edge of the routes that accept it.</summary>
internal sealed class HeaderJumpTable(string header, IDictionary<string, int> byValue, int other, int all) : PolicyJumpTable
{
    private static readonly System.Buffers.SearchValues<char> Splitting = System.Buffers.SearchValues.Create(",;\"");

    private readonly FrozenDictionary<string, int> _byValue = byValue.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override int GetDestination(HttpContext httpContext)
    {
        var values = httpContext.Request.Headers[header];
        if (StringValues.IsNullOrEmpty(values))
        {
            return other;
        }

        var value = values.Count == 1 ? values[0] : null;
        if (value is null || value[0] == ' ' || value.AsSpan().IndexOfAny(Splitting) >= 0)
        {
            // Several lines or a list: YARP's own matcher splits and unquotes; let it see every route.
            return all;
        }

        return _byValue.TryGetValue(value, out var destination) ? destination : other;
    }
}
