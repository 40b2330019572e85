namespace L7Gate.Failover.Options;

/// <summary>The <c>Failover</c> configuration section: keepalived's vrrp_instance blocks, in JSON.</summary>
public sealed class FailoverOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Failover";

    /// <summary>VRRP instances by name (keepalived's <c>vrrp_instance VI_1</c>). Empty = failover off.</summary>
    public Dictionary<string, VrrpInstanceOptions> Instances { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often interface state is polled for tracking and Fault. Default 100 ms: a dead link is noticed well within a 100 ms-advert master-down interval.</summary>
    public TimeSpan LinkPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
