using System.Globalization;
using System.Runtime.CompilerServices;
using L7Gate.Proxy.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace L7Gate.Proxy.Health;

/// <summary>
/// L7Gate's implementation of YARP's <c>TransportFailureRate</c> passive policy (same name, same metadata key
/// <c>TransportFailureRateHealthPolicy.RateLimit</c>, same options), replacing YARP's. Two differences:
/// <list type="bullet">
/// <item>The configured <c>Passive.ReactivationPeriod</c> is honoured. YARP stretches it to its 60 s detection
/// window, because its failure history outlives the ejection and would eject the destination again on its first
/// request back; here the history is cleared on ejection, so the destination returns with a clean slate after the
/// configured period (nginx's <c>fail_timeout</c>, after which <c>max_fails</c> counts afresh).</item>
/// <item>Only failures of the destination count: a client that aborts, or fails to send or read a body, says
/// nothing about the backend.</item>
/// </list>
/// Outcomes of attempts sent to an ejected destination (when <see cref="L7GateAvailableDestinationsPolicy"/> falls
/// back to it) are ignored: its reactivation timer alone ends the ejection.
/// </summary>
internal sealed partial class TransportFailurePolicy(
    IOptions<TransportFailureRateHealthPolicyOptions> options,
    IDestinationHealthUpdater healthUpdater,
    TimeProvider timeProvider,
    ProxyMetrics metrics,
    ILogger<TransportFailurePolicy> logger) : IPassiveHealthCheckPolicy
{
    /// <summary>YARP's default when a cluster sets no <c>ReactivationPeriod</c>.</summary>
    public static readonly TimeSpan DefaultReactivationPeriod = TimeSpan.FromSeconds(60);

    private readonly ConditionalWeakTable<DestinationState, FailureWindow> _windows = new();

    public string Name => "TransportFailureRate";

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (destination.Health.Passive == DestinationHealth.Unhealthy)
        {
            return;
        }

        var policy = options.Value;
        var failed = IsDestinationFailure(context.Features.Get<IForwarderErrorFeature>()?.Error);
        var window = _windows.GetOrCreateValue(destination);
        var config = cluster.Model.Config;
        var reactivation = config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivationPeriod;
        bool eject;
        double rate;
        lock (window)
        {
            var second = (long)timeProvider.GetElapsedTime(0).TotalSeconds;
            window.Add(second, failed, policy.DetectionWindowSize);
            rate = window.FailureRate;
            eject = window.Total >= policy.MinimalTotalCountThreshold && rate >= RateLimit(config.Metadata, policy.DefaultFailureRateLimit);
            if (eject)
            {
                window.Clear();
            }
        }

        if (eject)
        {
            metrics.PassiveEjection(cluster.ClusterId, destination.DestinationId);
            LogEjected(logger, cluster.ClusterId, destination.DestinationId, rate, reactivation);
            healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
        }
        else if (destination.Health.Passive != DestinationHealth.Healthy)
        {
            healthUpdater.SetPassive(cluster, destination, DestinationHealth.Healthy, reactivation);
        }
    }

    /// <summary>Errors on the destination's side; the client's own aborts and body failures are not the backend's fault.</summary>
    internal static bool IsDestinationFailure(ForwarderError? error) => error switch
    {
        null or ForwarderError.None => false,
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
            or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient
            or ForwarderError.NoAvailableDestinations => false,
        _ => true,
    };

    private static double RateLimit(IReadOnlyDictionary<string, string>? metadata, double fallback) =>
        metadata is not null
        && metadata.TryGetValue(TransportFailureRateHealthPolicyOptions.FailureRateLimitMetadataName, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : fallback;

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning,
        Message = "Cluster {ClusterId} destination {DestinationId}: passive health ejects it (failure rate {Rate:P0}); back in {Reactivation}")]
    private static partial void LogEjected(ILogger logger, string clusterId, string destinationId, double rate, TimeSpan reactivation);
}
