using System.Text.RegularExpressions;
using FluentValidation;
using L7Gate.Proxy.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace L7Gate.Configuration;

/// <summary>The registration API through which every library plugs its section into whole-file validation.</summary>
public static partial class ConfigSectionValidatorExtensions
{
    /// <summary>
    /// Validates section <paramref name="sectionName"/> of every candidate config: it is bound to a fresh
    /// <typeparamref name="TOptions"/> (a value that does not convert is an error naming the key) and checked with
    /// <typeparamref name="TValidator"/>. Failure property names ("Instances[VI_1].Priority") become key paths
    /// ("Failover:Instances:VI_1:Priority"); for a dictionary, name entries by key with
    /// <c>RuleForEach(o =&gt; o.Instances).OverrideIndexer((_, _, entry, _) =&gt; $"[{entry.Key}]")</c>. An absent section is validated as the defaults of
    /// <typeparamref name="TOptions"/>, which must therefore be valid. Binding the options for use stays the
    /// caller's job (<c>AddOptions&lt;T&gt;().BindConfiguration(section)</c>): they only ever see validated data.
    /// </summary>
    public static IServiceCollection AddConfigSectionValidator<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class, new()
        where TValidator : class, IValidator<TOptions>
    {
        services.TryAddTransient<TValidator>();
        services.AddSingleton(new ConfigSectionValidator(sectionName, (section, provider) =>
        {
            var options = new TOptions();
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                // The binder names the key in its message ("... value 'x' at 'Failover:Instances:VI_1:Priority' ...").
                var key = BinderKey().Match(ex.Message);
                return [new ConfigError(key.Success ? key.Groups[1].Value : section.Path,
                    ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message)];
            }

            var result = provider.GetRequiredService<TValidator>().Validate(options);
            return result.Errors
                .Select(f => new ConfigError(ConfigPath.Combine(section.Path, f.PropertyName), f.ErrorMessage))
                .ToList();
        }, typeof(TOptions)));
        return services;
    }

    [GeneratedRegex(" at '([^']+)'")]
    private static partial Regex BinderKey();
}
