using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Records the backend's status and the time its response headers arrived (nginx <c>$upstream_status</c>,
/// <c>$upstream_header_time</c>; HAProxy <c>%Tr</c>): YARP's response transforms run right then, before the body.
/// </summary>
internal sealed class AccessLogTransformProvider(TimeProvider time) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(Record);

    private ValueTask Record(ResponseTransformContext context)
    {
        if (context.ProxyResponse is { } response && context.HttpContext.Features.Get<AccessLogEntry>() is { } entry)
        {
            entry.BackendStatus = (int)response.StatusCode;
            entry.BackendFirstByte = time.GetElapsedTime(entry.StartTimestamp);
        }

        return default;
    }
}
