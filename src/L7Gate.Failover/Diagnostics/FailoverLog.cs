using System.Net;
using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Diagnostics;

/// <summary>The engine's log messages; event ids 3000–3999 (team brief), stable once shipped.</summary>
internal static partial class FailoverLog
{
    [LoggerMessage(3000, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) {From} -> {To}: {Reason} (priority {Priority})")]
    public static partial void StateChanged(ILogger logger, string instance, int vrid, string from, string to, string reason, int priority);

    [LoggerMessage(3001, LogLevel.Debug, "VRRP instance {Instance} (VRID {Vrid}) dropped a packet from {Source}: {Reason}")]
    public static partial void AdvertDropped(ILogger logger, string instance, int vrid, IPAddress source, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) on {Interface} sees adverts from {Source} for VRID {ForeignVrid} that no instance here uses: another VRRP cluster shares this LAN")]
    public static partial void ForeignVrid(ILogger logger, string instance, int vrid, string @interface, IPAddress source, int foreignVrid);

    [LoggerMessage(3003, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) could not send an advert to {Destination}")]
    public static partial void SendFailed(ILogger logger, Exception exception, string instance, int vrid, IPAddress destination);

    [LoggerMessage(3004, LogLevel.Error, "VRRP instance {Instance} (VRID {Vrid}) could not {Operation} VIP {Vip} on {Interface}")]
    public static partial void VipOperationFailed(ILogger logger, Exception exception, string instance, int vrid, string operation, string vip, string @interface);

    [LoggerMessage(3005, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) could not send gratuitous ARP for {Vip} on {Interface}")]
    public static partial void GarpFailed(ILogger logger, Exception exception, string instance, int vrid, IPAddress vip, string @interface);

    [LoggerMessage(3006, LogLevel.Warning, "VRRP instance {Instance} notify script {Script} failed")]
    public static partial void NotifyScriptFailed(ILogger logger, Exception exception, string instance, string script);

    [LoggerMessage(3007, LogLevel.Debug, "VRRP instance {Instance} started notify script {Script} {Arguments}")]
    public static partial void NotifyScriptStarted(ILogger logger, string instance, string script, string arguments);

    [LoggerMessage(3008, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) removed VIP {Vip} from {Interface} at start: a previous run left it behind")]
    public static partial void StaleVipRemoved(ILogger logger, string instance, int vrid, string vip, string @interface);

    [LoggerMessage(3009, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) tracker {Tracker} is now {Health}; effective priority {Priority}")]
    public static partial void TrackerChanged(ILogger logger, string instance, int vrid, string tracker, string health, int priority);

    [LoggerMessage(3010, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) entering maintenance: advertising priority 0 and keeping the VIPs until a peer is master")]
    public static partial void MaintenanceEntered(ILogger logger, string instance, int vrid);

    [LoggerMessage(3011, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) handed over to master {Master}; VIPs released")]
    public static partial void HandoverCompleted(ILogger logger, string instance, int vrid, IPAddress master);

    [LoggerMessage(3012, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) saw no peer take over within {Timeout}; VIPs released anyway")]
    public static partial void HandoverTimedOut(ILogger logger, string instance, int vrid, TimeSpan timeout);

    [LoggerMessage(3013, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}): interface {Interface} has no IPv4 address and no UnicastSource is set; waiting in Fault")]
    public static partial void NoSourceAddress(ILogger logger, string instance, int vrid, string @interface);

    [LoggerMessage(3014, LogLevel.Error, "VRRP instance {Instance} (VRID {Vrid}) could not open the VRRP socket on {Interface}")]
    public static partial void TransportOpenFailed(ILogger logger, Exception exception, string instance, int vrid, string @interface);

    [LoggerMessage(3015, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) receive failed on {Interface}")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string instance, int vrid, string @interface);

    [LoggerMessage(3016, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) dropping adverts from {Source}: {Reason} (logged once a minute per reason; all are counted)")]
    public static partial void AdvertRejected(ILogger logger, string instance, int vrid, IPAddress source, string reason);

    [LoggerMessage(3017, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) effective priority {Old} -> {New}")]
    public static partial void PriorityChanged(ILogger logger, string instance, int vrid, int old, int @new);

    [LoggerMessage(3018, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) learned the master's advert interval {Interval} (RFC 5798 §6.4.2)")]
    public static partial void MasterIntervalLearned(ILogger logger, string instance, int vrid, TimeSpan interval);

    [LoggerMessage(3019, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) is master and saw master {Source} with lower priority {Priority}: advertising at once and re-announcing the VIPs (split brain healing)")]
    public static partial void LowerPriorityMaster(ILogger logger, string instance, int vrid, IPAddress source, int priority);

    [LoggerMessage(3020, LogLevel.Debug, "VRRP instance {Instance} (VRID {Vrid}) proxy health probe failed")]
    public static partial void ProxyProbeFailed(ILogger logger, Exception exception, string instance, int vrid);

    [LoggerMessage(3021, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) advert from {Source} lists VIPs {TheirVips}, this node has {OurVips}: configure the same list in the same order on every node")]
    public static partial void VipListMismatch(ILogger logger, string instance, int vrid, IPAddress source, string theirVips, string ourVips);

    [LoggerMessage(3022, LogLevel.Critical, "VRRP instance {Instance} (VRID {Vrid}) engine loop failed")]
    public static partial void EngineFailed(ILogger logger, Exception exception, string instance, int vrid);

    [LoggerMessage(3023, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) starting on {Interface}: version {Version}, priority {Priority}, interval {Interval}, {Mode}, VIPs {Vips}")]
    public static partial void InstanceStarting(ILogger logger, string instance, int vrid, string @interface, int version, int priority, TimeSpan interval, string mode, string vips);

    [LoggerMessage(3024, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) stopped")]
    public static partial void InstanceStopped(ILogger logger, string instance, int vrid);

    [LoggerMessage(3025, LogLevel.Information, "Failover: no VRRP instances configured; the engine stays idle")]
    public static partial void NoInstances(ILogger logger);

    [LoggerMessage(3026, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) has TrackProxy but the host registered no IProxyHealthProbe; the proxy is treated as healthy")]
    public static partial void ProxyProbeMissing(ILogger logger, string instance, int vrid);

    [LoggerMessage(3027, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) left maintenance")]
    public static partial void MaintenanceLeft(ILogger logger, string instance, int vrid);

    [LoggerMessage(3028, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) advert timer ran {Late} late (scheduling stall; logged once a minute)")]
    public static partial void AdvertLate(ILogger logger, string instance, int vrid, TimeSpan late);

    [LoggerMessage(3029, LogLevel.Warning, "VRRP instance {Instance}: cannot set nice {Nice} on its {Thread} thread ({Error}); it runs at normal priority, so a busy proxy can delay adverts (needs root or CAP_SYS_NICE; set Failover:ThreadNice to 0 to silence)")]
    public static partial void ThreadNiceFailed(ILogger logger, string instance, int nice, string thread, string? error);

    [LoggerMessage(3030, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) forwards connections {FormerMaster} opened to it for {Window} (planned handover)")]
    public static partial void StragglerForwardingStarted(ILogger logger, string instance, int vrid, IPAddress formerMaster, TimeSpan window);

    [LoggerMessage(3031, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) cannot forward connections {FormerMaster} opened back to it: {Error}. A request whose handshake straddled the takeover may be reset (install libnftables1, grant CAP_NET_ADMIN, or set Failover:HandoverForwarding to false to silence)")]
    public static partial void StragglerForwardingFailed(ILogger logger, string instance, int vrid, IPAddress formerMaster, string error);

    [LoggerMessage(3032, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) could not remove its handover forwarding")]
    public static partial void StragglerForwardingStopFailed(ILogger logger, Exception exception, string instance, int vrid);

    [LoggerMessage(3033, LogLevel.Debug, "Track script {Script} ran: exit code {ExitCode}, {Error}, output: {Output}")]
    public static partial void TrackScriptRan(ILogger logger, string script, int? exitCode, string? error, string output);

    [LoggerMessage(3034, LogLevel.Warning, "Track script {Script} is now failing after {Fall} failed runs: exit code {ExitCode}, {Error}, output: {Output}")]
    public static partial void TrackScriptFailing(ILogger logger, string script, int fall, int? exitCode, string? error, string output);

    [LoggerMessage(3035, LogLevel.Information, "Track script {Script} is healthy again after {Rise} successful runs, output: {Output}")]
    public static partial void TrackScriptHealthy(ILogger logger, string script, int rise, string output);

    [LoggerMessage(3036, LogLevel.Error, "Track script {Script} could not be run")]
    public static partial void TrackScriptCrashed(ILogger logger, Exception exception, string script);

    [LoggerMessage(3037, LogLevel.Information, "VRRP sync group {Group}: {From} -> {To}")]
    public static partial void SyncGroupStateChanged(ILogger logger, string group, string from, string to);

    [LoggerMessage(3038, LogLevel.Warning, "VRRP sync group {Group}: member {Instance} {Change} (a fault of its own faults every member)")]
    public static partial void SyncGroupMemberFault(ILogger logger, string group, string instance, string change);
}
