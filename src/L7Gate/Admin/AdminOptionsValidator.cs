using FluentValidation;

namespace L7Gate.Admin;

/// <summary>Rules for the <c>Admin</c> section; every broken rule is reported at once with the bad value.</summary>
public sealed class AdminOptionsValidator : AbstractValidator<AdminOptions>
{
    /// <summary>Shorter keys are guessable; 16 characters is the floor, a random 32-byte base64 string is the advice.</summary>
    public const int MinimumApiKeyLength = 16;

    /// <summary>Creates the rules.</summary>
    public AdminOptionsValidator()
    {
        RuleFor(o => o.Urls)
            .Must(urls => AdminUrls.Split(urls).Count > 0)
            .WithMessage("Admin:Urls is empty; give at least one listener URL such as http://127.0.0.1:9901.");

        RuleForEach(o => AdminUrls.Split(o.Urls))
            .Must(url => AdminUrls.TryParse(url) is not null)
            .OverridePropertyName(nameof(AdminOptions.Urls))
            .WithMessage((_, url) => $"Admin:Urls entry '{url}' is not a listener URL; use http://HOST:PORT or https://HOST:PORT.");

        RuleFor(o => o.Certificate)
            .Must(certificate =>
            {
                using var loaded = AdminCertificate.TryLoad(certificate, out _);
                return loaded is not null;
            })
            .When(o => AdminCertificate.AnyHttps(o.Urls))
            .OverridePropertyName("Certificate:Path")
            .WithMessage(o =>
            {
                AdminCertificate.TryLoad(o.Certificate, out var error)?.Dispose();
                return $"Admin:Urls '{o.Urls}' has an https:// listener: {error}";
            });

        RuleFor(o => o.ApiKey)
            .NotEmpty()
            .When(o => AdminUrls.AnyNonLoopback(o.Urls))
            .WithMessage(o => $"Admin:ApiKey is required because Admin:Urls '{o.Urls}' binds a non-loopback address; set a key of at least {MinimumApiKeyLength} characters or listen on 127.0.0.1.");

        RuleFor(o => o.ApiKey)
            .Must(key => key!.Length >= MinimumApiKeyLength)
            .When(o => !string.IsNullOrEmpty(o.ApiKey))
            .WithMessage(o => $"Admin:ApiKey is {o.ApiKey!.Length} characters long; use at least {MinimumApiKeyLength} (for example: openssl rand -base64 32).");

        RuleFor(o => o.ApiKey)
            .Must(key => key!.Trim() == key && !key.Any(char.IsControl))
            .When(o => !string.IsNullOrEmpty(o.ApiKey))
            .WithMessage("Admin:ApiKey must not start or end with whitespace or contain control characters: an Authorization header cannot carry it.");

        RuleFor(o => o.NodeName)
            .MaximumLength(253)
            .WithMessage(o => $"Admin:NodeName '{o.NodeName}' is longer than 253 characters.");
    }
}
