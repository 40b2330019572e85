using FluentValidation;

namespace L7Gate.Proxy.Warmup;

/// <summary>Validates the <c>Warmup</c> section.</summary>
public sealed class WarmupOptionsValidator : AbstractValidator<WarmupOptions>
{
    /// <summary>Creates the rules.</summary>
    public WarmupOptionsValidator()
    {
        RuleFor(o => o.RequestsPerRoute).InclusiveBetween(1, 1_000)
            .WithMessage(o => $"RequestsPerRoute {o.RequestsPerRoute} is outside 1–1000.");
        RuleFor(o => o.MaxRequests).InclusiveBetween(1, 100_000)
            .WithMessage(o => $"MaxRequests {o.MaxRequests} is outside 1–100000.");
        RuleFor(o => o.Timeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10))
            .WithMessage(o => $"Timeout {o.Timeout} is outside 00:00:01–00:10:00.");
    }
}
