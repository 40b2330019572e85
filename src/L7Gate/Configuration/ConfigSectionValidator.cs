using Microsoft.Extensions.Configuration;

namespace L7Gate.Configuration;

/// <summary>
/// One section's validation inside whole-file validation (startup, <c>--check</c>, live reload, admin validate and
/// apply). Registered with <see cref="ConfigSectionValidatorExtensions.AddConfigSectionValidator{TOptions, TValidator}"/>.
/// </summary>
public sealed class ConfigSectionValidator(string sectionName, Func<IConfigurationSection, IServiceProvider, IReadOnlyList<ConfigError>> validate, Type? optionsType = null)
{
    /// <summary>The options type the section binds to, when known: its keys are the section's valid keys.</summary>
    public Type? OptionsType => optionsType;

    /// <summary>Top-level section name ("Failover").</summary>
    public string SectionName => sectionName;

    /// <summary>Every error of the section within a candidate's effective configuration.</summary>
    public IReadOnlyList<ConfigError> Validate(IConfiguration candidate, IServiceProvider services) =>
        validate(candidate.GetSection(sectionName), services);
}
