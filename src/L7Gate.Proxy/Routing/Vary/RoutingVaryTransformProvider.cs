using Yarp.ReverseProxy.Transforms.Builder;

namespace L7Gate.Proxy.Routing.Vary;

/// <summary>
/// Adds <see cref="RoutingVaryTransform"/> to every route. Every route, not only those with
/// Languages/Browsers: a route without them is the fallback of the ones that share its path, and
/// which route is a fallback is only known per request (the policies record it).
/// </summary>
internal sealed class RoutingVaryTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        // Match.Languages/Match.Browsers are validated by RouteMatchExtensionsValidator, with config paths.
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.ResponseTransforms.Add(RoutingVaryTransform.Instance);
}
