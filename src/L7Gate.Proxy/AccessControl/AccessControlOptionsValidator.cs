using FluentValidation;

namespace L7Gate.Proxy.AccessControl;

/// <summary>Every Allow/Deny entry must be a CIDR network or an address; the failure names the entry's index and value.</summary>
public sealed class AccessControlOptionsValidator : AbstractValidator<AccessControlOptions>
{
    /// <summary>Creates the rules.</summary>
    public AccessControlOptionsValidator()
    {
        RuleForEach(o => o.Allow).Must(entry => CidrList.TryParse(entry, out _))
            .WithMessage((_, entry) => Message(entry));
        RuleForEach(o => o.Deny).Must(entry => CidrList.TryParse(entry, out _))
            .WithMessage((_, entry) => Message(entry));
    }

    private static string Message(string? entry) =>
        $"'{entry}' is not a network: use CIDR (\"192.0.2.0/24\", \"2001:db8::/32\", no host bits below the prefix) or a single address.";
}
