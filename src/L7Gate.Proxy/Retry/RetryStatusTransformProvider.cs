using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace L7Gate.Proxy.Retry;

/// <summary>
/// Holds back a response whose status is one of the cluster's <c>Retry.OnStatusCodes</c> when the request will be
/// retried: YARP's response transforms run after the status and headers arrive and before the body is copied, and
/// <see cref="ResponseTransformContext.SuppressResponseBody"/> keeps the client's response unstarted.
/// </summary>
internal sealed class RetryStatusTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(HoldRetryableResponse);

    private static ValueTask HoldRetryableResponse(ResponseTransformContext context)
    {
        if (context.ProxyResponse is { } response
            && context.HttpContext.Features.Get<RetryState>() is { } state
            && !context.HttpContext.Response.HasStarted
            && state.MayRetryStatus((int)response.StatusCode))
        {
            context.SuppressResponseBody = true;
            state.HeldStatus = (int)response.StatusCode;
        }

        return default;
    }
}
