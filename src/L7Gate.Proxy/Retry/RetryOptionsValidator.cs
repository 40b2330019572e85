using FluentValidation;

namespace L7Gate.Proxy.Retry;

/// <summary>Validates a cluster's <c>Retry</c> section.</summary>
public sealed class RetryOptionsValidator : AbstractValidator<RetryOptions>
{
    /// <summary>Upper bound on attempts: beyond this a dead cluster multiplies its own load.</summary>
    public const int MaxAllowedAttempts = 10;

    /// <summary>Creates the rules.</summary>
    public RetryOptionsValidator()
    {
        RuleFor(o => o.MaxAttempts)
            .InclusiveBetween(1, MaxAllowedAttempts)
            .WithMessage(o => $"MaxAttempts {o.MaxAttempts} is outside 1–{MaxAllowedAttempts} (1 turns retries off).");

        RuleForEach(o => o.OnStatusCodes)
            .InclusiveBetween(500, 599)
            .WithMessage((_, code) => $"status {code} cannot be retried: OnStatusCodes allows 500–599.");
    }
}
