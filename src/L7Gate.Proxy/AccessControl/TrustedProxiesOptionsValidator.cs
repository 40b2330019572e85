using FluentValidation;

namespace L7Gate.Proxy.AccessControl;

/// <summary>Rules for the <c>TrustedProxies</c> section.</summary>
public sealed class TrustedProxiesOptionsValidator : AbstractValidator<TrustedProxiesOptions>
{
    /// <summary>Creates the rules.</summary>
    public TrustedProxiesOptionsValidator()
    {
        RuleForEach(o => o.Networks).Must(entry => CidrList.TryParse(entry, out _))
            .WithMessage((_, entry) => $"'{entry}' is not a network: use CIDR (\"10.0.0.0/8\") or a single address.");
        RuleFor(o => o.ForwardLimit).InclusiveBetween(1, 10)
            .WithMessage(o => $"TrustedProxies:ForwardLimit {o.ForwardLimit} is outside 1–10.");
    }
}
