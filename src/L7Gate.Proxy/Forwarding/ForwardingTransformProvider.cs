using Yarp.ReverseProxy.Transforms.Builder;

namespace L7Gate.Proxy.Forwarding;

/// <summary>Adds L7Gate's forwarding transforms to every route: Connection-named headers removed first, the received path last.</summary>
internal sealed class ForwardingTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.RequestTransforms.Insert(0, new ConnectionHeaderTransform());
        context.RequestTransforms.Add(new ReceivedPathTransform());
    }
}
