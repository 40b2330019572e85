using FluentValidation;
using FluentValidation.Results;

namespace L7Gate.Proxy.Streams.Configuration;

/// <summary>
/// Validates the <c>Streams</c> section, every error at once. Property names are colon paths relative to the section
/// (<c>Listeners:apiserver:IdleTimeout</c>). Cluster ids are not checked against <c>ReverseProxy:Clusters</c> here:
/// as with a YARP route, a listener whose cluster is missing refuses its connections (counted) until it appears.
/// </summary>
public sealed class StreamsOptionsValidator : AbstractValidator<StreamsOptions>
{
    /// <summary>Creates the rules.</summary>
    public StreamsOptionsValidator() => RuleFor(x => x).Custom(Validate);

    private static void Validate(StreamsOptions options, ValidationContext<StreamsOptions> ctx)
    {
        var bound = new Dictionary<StreamBindAddress, string>();
        foreach (var (name, listener) in options.Listeners ?? [])
        {
            var path = $"Listeners:{name}";
            if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
            {
                ctx.AddFailure(new ValidationFailure(path, $"Streams listener '{name}': the name must be non-empty without spaces", name));
                continue;
            }

            if (listener is null)
            {
                ctx.AddFailure(new ValidationFailure(path, $"Streams listener '{name}': the listener is empty: Endpoints and ClusterId (or Sni) are required"));
                continue;
            }

            ValidateEndpoints(name, listener, bound, ctx);
            ValidateRouting(name, listener, ctx);
            Positive(ctx, name, "IdleTimeout", listener.IdleTimeout, "HAProxy timeout client");
            Positive(ctx, name, "ConnectTimeout", listener.ConnectTimeout, "HAProxy timeout connect");
            if (listener.DrainTimeout < TimeSpan.Zero || listener.DrainTimeout > TimeSpan.FromHours(1))
            {
                ctx.AddFailure(new ValidationFailure($"{path}:DrainTimeout",
                    $"Streams listener '{name}': DrainTimeout {listener.DrainTimeout:c} is outside 00:00:00–01:00:00", listener.DrainTimeout));
            }

            if (listener.MaxConnections is < 1 or > 1_000_000)
            {
                ctx.AddFailure(new ValidationFailure($"{path}:MaxConnections",
                    $"Streams listener '{name}': MaxConnections {listener.MaxConnections} is outside 1–1000000", listener.MaxConnections));
            }

            if (listener.ProxyProtocol is { } proxy && !Enum.IsDefined(proxy.Send))
            {
                ctx.AddFailure(new ValidationFailure($"{path}:ProxyProtocol:Send",
                    $"Streams listener '{name}': ProxyProtocol:Send '{proxy.Send}' is not None, V1 or V2", proxy.Send));
            }
        }
    }

    private static void ValidateEndpoints(string name, StreamListenerOptions listener, Dictionary<StreamBindAddress, string> bound, ValidationContext<StreamsOptions> ctx)
    {
        if (listener.Endpoints is not { Count: > 0 })
        {
            ctx.AddFailure(new ValidationFailure($"Listeners:{name}:Endpoints",
                $"Streams listener '{name}': Endpoints is empty; give at least one \"address:port\" such as \"0.0.0.0:6443\""));
            return;
        }

        for (var i = 0; i < listener.Endpoints.Count; i++)
        {
            var text = listener.Endpoints[i];
            var path = $"Listeners:{name}:Endpoints:{i}";
            if (StreamBindAddress.TryParse(text) is not { } address)
            {
                ctx.AddFailure(new ValidationFailure(path,
                    $"Streams listener '{name}': endpoint '{text}' is not \"IPv4:port\", \"[IPv6]:port\", \"*:port\" or \"localhost:port\"", text));
                continue;
            }

            if (address.Port != 0 && !bound.TryAdd(address, name))
            {
                ctx.AddFailure(new ValidationFailure(path,
                    $"Streams listener '{name}': endpoint '{text}' is already bound by listener '{bound[address]}'", text));
            }
        }
    }

    private static void ValidateRouting(string name, StreamListenerOptions listener, ValidationContext<StreamsOptions> ctx)
    {
        var sni = listener.Sni ?? [];
        if (string.IsNullOrWhiteSpace(listener.ClusterId) && sni.Count == 0)
        {
            ctx.AddFailure(new ValidationFailure($"Listeners:{name}:ClusterId",
                $"Streams listener '{name}': neither ClusterId nor Sni is set, so no connection could go anywhere"));
        }

        foreach (var (serverName, cluster) in sni)
        {
            var path = $"Listeners:{name}:Sni:{serverName}";
            if (!SniNames.IsValidPattern(serverName))
            {
                ctx.AddFailure(new ValidationFailure(path,
                    $"Streams listener '{name}': Sni name '{serverName}' is not a DNS name or a '*.example.com' wildcard", serverName));
            }

            if (string.IsNullOrWhiteSpace(cluster))
            {
                ctx.AddFailure(new ValidationFailure(path, $"Streams listener '{name}': Sni name '{serverName}' names no cluster", cluster));
            }
        }
    }

    private static void Positive(ValidationContext<StreamsOptions> ctx, string name, string key, TimeSpan value, string equivalent)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(7))
        {
            ctx.AddFailure(new ValidationFailure($"Listeners:{name}:{key}",
                $"Streams listener '{name}': {key} {value:c} is outside (0, 7 days] ({equivalent})", value));
        }
    }
}
