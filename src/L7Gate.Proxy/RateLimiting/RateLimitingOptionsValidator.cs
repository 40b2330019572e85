using FluentValidation;

namespace L7Gate.Proxy.RateLimiting;

/// <summary>Rules for the <c>RateLimiting</c> section: each policy's kind, partition and the numbers its kind needs.</summary>
public sealed class RateLimitingOptionsValidator : AbstractValidator<RateLimitingOptions>
{
    /// <summary>Creates the rules.</summary>
    public RateLimitingOptionsValidator()
    {
        RuleForEach(o => o.Policies)
            .OverrideIndexer((_, _, entry, _) => $"[{entry.Key}]")
            .ChildRules(entry =>
            {
                entry.RuleFor(e => e.Key).Must(name => !RateLimitPolicies.ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                    .WithMessage(e => $"policy name '{e.Key}' is reserved by YARP (Default, Disable); choose another.");
                entry.RuleFor(e => e.Value).SetValidator(new PolicyValidator()).OverridePropertyName(string.Empty);
            });
    }

    private sealed class PolicyValidator : AbstractValidator<RateLimitPolicyOptions>
    {
        public PolicyValidator()
        {
            RuleFor(p => p.Kind).Must(kind => RateLimitKind.All.Contains(kind, StringComparer.OrdinalIgnoreCase))
                .WithMessage(p => $"Kind '{p.Kind}' is not one of {string.Join(", ", RateLimitKind.All)}.");
            RuleFor(p => p.PartitionBy).Must(RateLimitPartitions.IsValid)
                .WithMessage(p => $"PartitionBy '{p.PartitionBy}' is not one of ClientIp, Header:<name>, Global.");
            RuleFor(p => p.PermitLimit).NotNull().WithMessage("PermitLimit is missing; give a positive number.")
                .GreaterThan(0).WithMessage(p => $"PermitLimit {p.PermitLimit} must be positive.");
            RuleFor(p => p.QueueLimit).GreaterThanOrEqualTo(0).WithMessage(p => $"QueueLimit {p.QueueLimit} must be 0 or more.");

            When(p => Is(p, RateLimitKind.FixedWindow) || Is(p, RateLimitKind.SlidingWindow), () =>
                RuleFor(p => p.Window).NotNull().WithMessage(p => $"Window is missing; {p.Kind} needs it (\"00:00:01\").")
                    .GreaterThan(TimeSpan.Zero).WithMessage(p => $"Window {p.Window} must be positive."));
            When(p => Is(p, RateLimitKind.SlidingWindow), () =>
                RuleFor(p => p.SegmentsPerWindow).NotNull().WithMessage("SegmentsPerWindow is missing; SlidingWindow needs it (e.g. 4).")
                    .GreaterThan(0).WithMessage(p => $"SegmentsPerWindow {p.SegmentsPerWindow} must be positive."));
            When(p => Is(p, RateLimitKind.TokenBucket), () =>
            {
                RuleFor(p => p.TokensPerPeriod).NotNull().WithMessage("TokensPerPeriod is missing; TokenBucket needs it.")
                    .GreaterThan(0).WithMessage(p => $"TokensPerPeriod {p.TokensPerPeriod} must be positive.");
                RuleFor(p => p.ReplenishmentPeriod).NotNull().WithMessage("ReplenishmentPeriod is missing; TokenBucket needs it (\"00:00:01\").")
                    .GreaterThan(TimeSpan.Zero).WithMessage(p => $"ReplenishmentPeriod {p.ReplenishmentPeriod} must be positive.");
            });
        }

        private static bool Is(RateLimitPolicyOptions policy, string kind) => string.Equals(policy.Kind, kind, StringComparison.OrdinalIgnoreCase);
    }
}
