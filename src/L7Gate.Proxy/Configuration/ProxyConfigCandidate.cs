using FluentValidation.Results;
using Yarp.ReverseProxy.Configuration;

namespace L7Gate.Proxy.Configuration;

/// <summary>
/// A ReverseProxy section read and checked: YARP routes and clusters with L7Gate's keys mapped to metadata,
/// and every problem found. Only a candidate without failures may be applied.
/// </summary>
public sealed record ProxyConfigCandidate(
    IReadOnlyList<RouteConfig> Routes,
    IReadOnlyList<ClusterConfig> Clusters,
    IReadOnlyList<ValidationFailure> Failures)
{
    /// <summary>True when the candidate can be applied.</summary>
    public bool IsValid => Failures.Count == 0;
}
