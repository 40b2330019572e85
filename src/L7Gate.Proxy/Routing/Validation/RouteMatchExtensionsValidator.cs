using FluentValidation;
using FluentValidation.Results;
using L7Gate.Proxy.Configuration;
using L7Gate.Proxy.Routing.Browsers;
using L7Gate.Proxy.Routing.Languages;

namespace L7Gate.Proxy.Routing.Validation;

/// <summary>
/// Validates one route's <c>Match.Languages</c> and <c>Match.Browsers</c>. Failures are named
/// relative to the route's <c>Match</c> section (<c>Languages[0]</c>), which the config loader turns
/// into the full path (<c>ReverseProxy:Routes:zh:Match:Languages:0</c>); messages name the bad value
/// and what is allowed. Registered by <c>AddL7GateRouting()</c> as
/// <see cref="IValidator{T}"/> of <see cref="RouteMatchExtensions"/>.
/// </summary>
public sealed class RouteMatchExtensionsValidator : AbstractValidator<RouteMatchExtensions>
{
    /// <summary>Creates the validator.</summary>
    public RouteMatchExtensionsValidator()
    {
        RuleFor(static r => r.Languages).Custom(static (languages, context) =>
            CheckList(context, "Languages", "language tag", languages, static tag =>
                LanguageTag.IsValid(tag) ? null : $"'{tag}' is not a language tag (RFC 5646, e.g. zh-CN, or '*')"));

        RuleFor(static r => r.Browsers).Custom(static (browsers, context) =>
            CheckList(context, "Browsers", "browser", browsers, static name =>
                BrowserNames.TryParse(name, out _) ? null : $"'{name}' is not a browser (allowed: {string.Join(", ", BrowserNames.All)})"));
    }

    private static void CheckList(
        ValidationContext<RouteMatchExtensions> context, string key, string what, List<string>? values, Func<string, string?> check)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count == 0)
        {
            context.AddFailure(new ValidationFailure(key, $"{key} is empty: list at least one {what} or remove the key"));
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
                context.AddFailure(new ValidationFailure($"{key}[{i}]", error) { AttemptedValue = values[i] });
            }
        }
    }
}
