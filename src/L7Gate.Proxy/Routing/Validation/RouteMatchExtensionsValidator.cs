using FluentValidation;
using FluentValidation.Results;
using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Languages;

namespace L7Gate.Proxy.Routing.Validation;

/// <summary>
/// Validates one route's <c>Match.Languages</c> and <c>Match.Browsers</c>. Each failure's
/// <see cref="ValidationFailure.PropertyName"/> is the full config path
/// (<c>ReverseProxy:Routes:zh:Match:Languages:0</c>) and its message names the bad value and what is
/// allowed, so it maps one-to-one onto a <c>ConfigError(Path, Message)</c>.
/// </summary>
public sealed class RouteMatchExtensionsValidator : AbstractValidator<RouteMatchExtensions>
{
    /// <summary>Where routes live in the config file.</summary>
    public const string RoutesPath = "ReverseProxy:Routes";

    /// <summary>Creates the validator.</summary>
    public RouteMatchExtensionsValidator()
    {
        RuleFor(static r => r.Languages).Custom(static (languages, context) =>
            CheckList(context, "Languages", languages, static tag =>
                LanguageTag.IsValid(tag) ? null : $"'{tag}' is not a language tag (RFC 5646, e.g. zh-CN) or '*'"));

        RuleFor(static r => r.Browsers).Custom(static (browsers, context) =>
            CheckList(context, "Browsers", browsers, static name =>
                BrowserNames.TryParse(name, out _) ? null : $"'{name}' is not a browser (allowed: {string.Join(", ", BrowserNames.All)})"));
    }

    private static void CheckList(
        ValidationContext<RouteMatchExtensions> context, string key, IReadOnlyList<string>? values, Func<string, string?> check)
    {
        if (values is null)
        {
            return;
        }

        var path = $"{RoutesPath}:{context.InstanceToValidate.RouteId}:Match:{key}";
        if (values.Count == 0)
        {
            context.AddFailure(new ValidationFailure(path, $"Route '{context.InstanceToValidate.RouteId}': {key} is empty; list at least one value or remove the key"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i]?.Trim() ?? string.Empty;
            var error = check(value);
            if (error is null && !seen.Add(value))
            {
                error = $"'{value}' is listed twice";
            }

            if (error is not null)
            {
                context.AddFailure(new ValidationFailure($"{path}:{i}", error) { AttemptedValue = values[i] });
            }
        }
    }
}
