using L7Gate.Proxy.AccessLog;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of L7Gate's access log (README, "Access log").</summary>
public static class AccessLogServiceCollectionExtensions
{
    /// <summary>
    /// The access log: options from the <c>AccessLog</c> section, the bounded queue, the writer (a hosted service),
    /// the sink (stdout, or a rolling file when <c>AccessLog:Path</c> is set; a registered <see cref="IAccessLogSink"/>
    /// wins) and the pipeline pieces that capture a request's facts.
    /// </summary>
    public static IServiceCollection AddL7GateAccessLog(this IServiceCollection services)
    {
        services.AddOptions<AccessLogOptions>().BindConfiguration(AccessLogOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessLogQueue>();
        services.TryAddSingleton<IAccessLogSink>(sp => sp.GetRequiredService<IOptions<AccessLogOptions>>().Value is { Path: { } } options
            ? new FileAccessLogSink(options)
            : new StdoutAccessLogSink());
        services.AddHostedService<AccessLogWriter>();
        services.AddSingleton<ITransformProvider, AccessLogTransformProvider>();
        services.AddTransient<IStartupFilter, AccessLogStartupFilter>();
        return services;
    }
}
