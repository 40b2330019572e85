using Microsoft.Extensions.Logging;

namespace L7Gate.Failover.Diagnostics;

// Virtual MAC messages: event ids 3060–3069.
internal static partial class FailoverLog
{
    [LoggerMessage(3060, LogLevel.Information, "VRRP instance {Instance} (VRID {Vrid}) virtual MAC {Mac} on {VirtualInterface} (macvlan bridge on {Interface}): {Outcome}; adverts from {SendInterface}")]
    public static partial void VirtualMacPrepared(ILogger logger, string instance, int vrid, string mac, string virtualInterface, string @interface, string outcome, string sendInterface);

    [LoggerMessage(3061, LogLevel.Error, "VRRP instance {Instance} (VRID {Vrid}) cannot set up its virtual MAC interface {VirtualInterface} on {Interface}")]
    public static partial void VirtualMacPrepareFailed(ILogger logger, Exception exception, string instance, int vrid, string virtualInterface, string @interface);

    [LoggerMessage(3062, LogLevel.Error, "VRRP instance {Instance} (VRID {Vrid}) cannot set its virtual MAC interface {VirtualInterface} {Direction}")]
    public static partial void VirtualMacLinkFailed(ILogger logger, Exception exception, string instance, int vrid, string virtualInterface, string direction);

    [LoggerMessage(3063, LogLevel.Debug, "VRRP instance {Instance} (VRID {Vrid}) virtual MAC interface {VirtualInterface} {Direction}")]
    public static partial void VirtualMacLinkChanged(ILogger logger, string instance, int vrid, string virtualInterface, string direction);

    [LoggerMessage(3064, LogLevel.Warning, "VRRP instance {Instance} (VRID {Vrid}) cannot remove its virtual MAC interface {VirtualInterface}")]
    public static partial void VirtualMacRemoveFailed(ILogger logger, Exception exception, string instance, int vrid, string virtualInterface);
}
