using FluentValidation;

namespace L7Gate.Proxy.AccessControl;

/// <summary>Rules for the <c>AccessControl</c> section: port keys, CIDR entries.</summary>
public sealed class ListenerAccessControlOptionsValidator : AbstractValidator<ListenerAccessControlOptions>
{
    /// <summary>Creates the rules.</summary>
    public ListenerAccessControlOptionsValidator()
    {
        RuleForEach(o => o.Listeners)
            .OverrideIndexer((_, _, entry, _) => $"[{entry.Key}]")
            .Must(entry => int.TryParse(entry.Key, out var port) && port is > 0 and <= 65535)
            .WithMessage((_, entry) => $"AccessControl:Listeners key '{entry.Key}' is not a listener port (1–65535).")
            .ChildRules(entry => entry.RuleFor(e => e.Value).SetValidator(new AccessControlOptionsValidator()).OverridePropertyName(string.Empty));
    }
}
