using L7Gate.Configuration;
using L7Gate.Proxy.Streams;
using L7Gate.Proxy.Streams.Configuration;

namespace L7Gate.Streams;

/// <summary>Host wiring of the L4 (TCP/TLS passthrough) listeners.</summary>
public static class StreamsHostingExtensions
{
    /// <summary>
    /// The <c>Streams</c> section (bound lazily, validated with the whole config file, read at startup) and its
    /// listeners on the host's Kestrel. Without listeners it changes nothing.
    /// </summary>
    public static WebApplicationBuilder AddL7GateStreams(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StreamsOptions>().BindConfiguration(StreamsOptions.SectionName);
        services.AddConfigSectionValidator<StreamsOptions, StreamsOptionsValidator>(StreamsOptions.SectionName);
        services.AddL7GateStreamsCore();
        return builder;
    }
}
