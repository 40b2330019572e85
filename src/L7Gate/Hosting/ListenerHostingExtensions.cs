using L7Gate.Configuration;

namespace L7Gate.Hosting;

/// <summary>Host wiring of the proxy listeners.</summary>
public static class ListenerHostingExtensions
{
    /// <summary>
    /// Proxy listeners are read once, at startup: Kestrel is configured from a snapshot of the <c>Kestrel</c>
    /// section without reloading (ASP.NET Core's default host reloads it on every config change), and the
    /// configured listeners are kept for <c>/readyz</c>'s check that each one is bound. Both keys are validated with
    /// the whole file (URLs, https certificates), so what <c>--check</c> accepts binds.
    /// </summary>
    public static WebApplicationBuilder AddL7GateListeners(this WebApplicationBuilder builder)
    {
        var listeners = new StartupListeners();
        builder.Services.AddSingleton(listeners);
        builder.Services.AddSingleton(ListenerConfigValidation.Kestrel);
        builder.Services.AddSingleton(ListenerConfigValidation.Urls);
        builder.WebHost.ConfigureKestrel((context, kestrel) => listeners.Configure(context.Configuration, kestrel));
        return builder;
    }
}
