using L7Gate.Failover.StateMachine;

namespace L7Gate.Failover.Notify;

/// <summary>The state names notify scripts are given, as keepalived spells them.</summary>
public static class NotifyStateName
{
    /// <summary>MASTER, BACKUP, FAULT, or STOP for <see cref="VrrpState.Initialize"/> (the instance was shut down).</summary>
    public static string Of(VrrpState state) => state switch
    {
        VrrpState.Master => "MASTER",
        VrrpState.Backup => "BACKUP",
        VrrpState.Fault => "FAULT",
        _ => "STOP",
    };
}
