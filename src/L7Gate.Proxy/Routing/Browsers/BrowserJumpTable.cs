using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>Per request: classify the client once and take the edge of its class.</summary>
internal sealed class BrowserJumpTable(BrowserClassifier classifier, IDictionary<BrowserClass, int> byClass, int all) : PolicyJumpTable
{
    private readonly FrozenDictionary<BrowserClass, int> _byClass = byClass.ToFrozenDictionary();

    /// <inheritdoc/>
    public override int GetDestination(HttpContext httpContext)
    {
        var classification = BrowserClassificationFeature.Get(httpContext, classifier);

        // A class the table does not know (a classifier that learned a new one) keeps every route.
        return _byClass.TryGetValue(classification.Class, out var destination) ? destination : all;
    }
}
