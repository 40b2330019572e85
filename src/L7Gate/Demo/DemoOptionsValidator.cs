using System.Net;
using FluentValidation;

namespace L7Gate.Demo;

/// <summary>Validates the <c>Demo</c> section.</summary>
public sealed class DemoOptionsValidator : AbstractValidator<DemoOptions>
{
    /// <summary>Creates the rules.</summary>
    public DemoOptionsValidator()
    {
        RuleForEach(o => o.Backends).ChildRules(backend =>
        {
            backend.RuleFor(b => b.Name)
                .Matches("^[A-Za-z0-9][A-Za-z0-9_-]*$")
                .WithMessage(b => $"Name '{b.Name}' is not allowed: use letters, digits, '-' and '_' (it appears in URLs).");
            backend.RuleFor(b => b.Url)
                .Must(BeLoopbackHttpWithPort)
                .WithMessage(b => $"Url '{b.Url}' is not allowed: a demo backend listens on http://127.0.0.1, http://[::1] or http://localhost with an explicit port 1–65535.");
        });

        RuleFor(o => o.Backends)
            .Must(list => list.Select(b => b.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == list.Count)
            .WithMessage(o => $"backend names must be unique; got {string.Join(", ", o.Backends.Select(b => b.Name))}.");
    }

    /// <summary>True for an http URL on a loopback address with an explicit, non-zero port.</summary>
    public static bool BeLoopbackHttpWithPort(string url) =>
        TryGetEndPoint(url, out _);

    /// <summary>The loopback endpoint a demo backend URL names.</summary>
    public static bool TryGetEndPoint(string url, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IsDefaultPort || uri.Port is < 1 or > 65535)
        {
            return false;
        }

        if (uri.IsLoopback && string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            endPoint = new IPEndPoint(IPAddress.Loopback, uri.Port);
            return true;
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
        {
            endPoint = new IPEndPoint(address, uri.Port);
            return true;
        }

        return false;
    }
}
