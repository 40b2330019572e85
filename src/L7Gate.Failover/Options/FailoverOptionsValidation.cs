using Microsoft.Extensions.Options;

namespace L7Gate.Failover.Options;

/// <summary>Runs <see cref="FailoverOptionsValidator"/> for the options system, so ValidateOnStart fails fast with every error.</summary>
internal sealed class FailoverOptionsValidation : IValidateOptions<FailoverOptions>
{
    private readonly FailoverOptionsValidator _validator = new();

    public ValidateOptionsResult Validate(string? name, FailoverOptions options)
    {
        var result = _validator.Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{FailoverOptions.SectionName}:{e.PropertyName}: {e.ErrorMessage}"));
    }
}
