namespace L7Gate.Failover.StateMachine;

/// <summary>VRRP router states (RFC 5798 §6.4) plus keepalived's Fault.</summary>
public enum VrrpState
{
    /// <summary>Not started or stopped (RFC 5798 §6.4.1).</summary>
    Initialize = 0,

    /// <summary>Monitoring the master (RFC 5798 §6.4.2).</summary>
    Backup = 1,

    /// <summary>Owns the virtual IPs and advertises (RFC 5798 §6.4.3).</summary>
    Master = 2,

    /// <summary>keepalived's FAULT: interface down or a weight-0 tracker failed; takes no part in elections.</summary>
    Fault = 3,
}
