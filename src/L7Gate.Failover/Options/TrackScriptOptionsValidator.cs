using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace L7Gate.Failover.Options;

/// <summary>
/// Validates one track script. Property names are colon paths relative to the Failover section
/// (<c>TrackScripts:chk_apiserver:Interval</c>); messages name the script and the bad value.
/// </summary>
public sealed class TrackScriptOptionsValidator : AbstractValidator<TrackScriptOptions>
{
    private readonly string _name;

    /// <summary>Creates the validator for the script called <paramref name="name"/>.</summary>
    public TrackScriptOptionsValidator(string name)
    {
        _name = name;
        RuleFor(x => x).Custom(Check);
    }

    private void Check(TrackScriptOptions x, ValidationContext<TrackScriptOptions> ctx)
    {
        if (string.IsNullOrEmpty(x.Path) || x.Path[0] != '/' || x.Path.Any(char.IsControl))
        {
            Fail(ctx, "Path", string.IsNullOrEmpty(x.Path) ? "Path is required (an absolute path; use /bin/sh with Arguments [\"-c\", \"...\"] for shell syntax)" : $"Path '{x.Path}' is not an absolute path", x.Path);
        }

        for (int i = 0; i < x.Arguments.Count; i++)
        {
            if (x.Arguments[i] is null || x.Arguments[i].Contains('\0'))
            {
                Fail(ctx, $"Arguments:{i}", $"Arguments entry {i} is empty or contains a NUL character", x.Arguments[i]);
            }
        }

        if (x.Interval < TimeSpan.FromMilliseconds(10) || x.Interval > TimeSpan.FromHours(1))
        {
            Fail(ctx, "Interval", $"Interval {Fmt(x.Interval)} is outside 00:00:00.01–01:00:00", x.Interval);
        }

        if (x.Timeout is { } timeout && (timeout < TimeSpan.FromMilliseconds(10) || timeout > TimeSpan.FromHours(1)))
        {
            Fail(ctx, "Timeout", $"Timeout {Fmt(timeout)} is outside 00:00:00.01–01:00:00", timeout);
        }

        if (x.Rise is < 1 or > 100)
        {
            Fail(ctx, "Rise", $"Rise {x.Rise} is outside 1–100", x.Rise);
        }

        if (x.Fall is < 1 or > 100)
        {
            Fail(ctx, "Fall", $"Fall {x.Fall} is outside 1–100", x.Fall);
        }

        if (x.Weight is < -253 or > 253)
        {
            Fail(ctx, "Weight", $"Weight {x.Weight} is outside −253–253 (0 = Fault while failing)", x.Weight);
        }

        if (x.User is { } user && (user.Length is 0 or > 32 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
        {
            Fail(ctx, "User", $"User '{user}' is not a user name", user);
        }
    }

    private void Fail(ValidationContext<TrackScriptOptions> ctx, string key, string message, object? value) =>
        ctx.AddFailure(new ValidationFailure($"TrackScripts:{_name}:{key}", $"Failover track script '{_name}': {message}", value));

    private static string Fmt(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
