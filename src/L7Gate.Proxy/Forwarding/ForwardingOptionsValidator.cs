using FluentValidation;

namespace L7Gate.Proxy.Forwarding;

/// <summary>Validates the <c>Forwarding</c> section.</summary>
public sealed class ForwardingOptionsValidator : AbstractValidator<ForwardingOptions>
{
    /// <summary>Creates the rules.</summary>
    public ForwardingOptionsValidator()
    {
        RuleFor(o => o.ActivityTimeout)
            .InclusiveBetween(ForwardingOptions.MinimumActivityTimeout, ForwardingOptions.MaximumActivityTimeout)
            .WithMessage(o => $"ActivityTimeout {o.ActivityTimeout} is outside {ForwardingOptions.MinimumActivityTimeout}–{ForwardingOptions.MaximumActivityTimeout} (e.g. \"00:01:00\").");
    }
}
