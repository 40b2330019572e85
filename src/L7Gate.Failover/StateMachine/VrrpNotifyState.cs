namespace L7Gate.Failover.StateMachine;

/// <summary>The states notify scripts are told about, with keepalived's names (MASTER, BACKUP, FAULT, STOP).</summary>
public enum VrrpNotifyState
{
    /// <summary>MASTER.</summary>
    Master,

    /// <summary>BACKUP.</summary>
    Backup,

    /// <summary>FAULT.</summary>
    Fault,

    /// <summary>STOP: the instance was shut down.</summary>
    Stop,
}
