namespace L7Gate.Failover.Control;

/// <summary>What the admin API and the host see of the failover engine.</summary>
public interface IFailoverControl
{
    IReadOnlyList<FailoverInstanceStatus> Instances { get; }

    /// <summary>Planned handover: advertise priority 0, keep the VIPs until a peer is master (bounded wait), then release them. Returns false for an unknown instance.</summary>
    Task<bool> EnterMaintenanceAsync(string instance, CancellationToken cancellationToken);

    /// <summary>End maintenance: the instance takes part in elections again with its configured priority.</summary>
    Task<bool> LeaveMaintenanceAsync(string instance, CancellationToken cancellationToken);
}
