using FluentValidation;

namespace L7Gate.Limits;

/// <summary>Validates the <c>Kestrel:Limits</c> keys L7Gate sets, so a value Kestrel would refuse at startup is a config error first.</summary>
public sealed class KestrelLimitsOptionsValidator : AbstractValidator<KestrelLimitsOptions>
{
    /// <summary>Creates the rules.</summary>
    public KestrelLimitsOptionsValidator()
    {
        RuleFor(o => o.MaxConcurrentConnections)
            .GreaterThan(0).When(o => o.MaxConcurrentConnections is not null)
            .WithMessage(o => $"MaxConcurrentConnections {o.MaxConcurrentConnections} must be at least 1 (connections per listener).");
        RuleFor(o => o.KeepAliveTimeout)
            .GreaterThan(TimeSpan.Zero).When(o => o.KeepAliveTimeout is not null)
            .WithMessage(o => $"KeepAliveTimeout {o.KeepAliveTimeout} must be positive (e.g. \"00:01:15\").");
        RuleFor(o => o.RequestHeadersTimeout)
            .GreaterThan(TimeSpan.Zero).When(o => o.RequestHeadersTimeout is not null)
            .WithMessage(o => $"RequestHeadersTimeout {o.RequestHeadersTimeout} must be positive (e.g. \"00:00:10\").");
        When(o => o.MinResponseDataRate is not null, () =>
        {
            RuleFor(o => o.MinResponseDataRate!.BytesPerSecond)
                .GreaterThanOrEqualTo(0)
                .OverridePropertyName("MinResponseDataRate.BytesPerSecond")
                .WithMessage(o => $"MinResponseDataRate.BytesPerSecond {o.MinResponseDataRate!.BytesPerSecond} must be 0 (off) or positive.");
            RuleFor(o => o.MinResponseDataRate!.GracePeriod)
                .GreaterThan(TimeSpan.FromSeconds(1))
                .OverridePropertyName("MinResponseDataRate.GracePeriod")
                .WithMessage(o => $"MinResponseDataRate.GracePeriod {o.MinResponseDataRate!.GracePeriod} must be more than 1 s (Kestrel's heartbeat).");
        });
    }
}
