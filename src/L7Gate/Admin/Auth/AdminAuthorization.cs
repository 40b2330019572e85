using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace L7Gate.Admin.Auth;

/// <summary>
/// The bearer-key check of the admin API. Keys are compared as SHA-256 digests with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the content nor the length of the configured
/// key leaks through response timing.
/// </summary>
public sealed class AdminAuthorization(
    IOptionsMonitor<AdminOptions> options,
    AdminMetrics metrics,
    ILogger<AdminAuthorization> logger)
{
    private const string Scheme = "Bearer";

    /// <summary>Null when the request may proceed; otherwise the problem response to send (already counted and logged).</summary>
    public IResult? Check(HttpContext context, AdminAccess access)
    {
        var current = options.CurrentValue;
        var required = access == AdminAccess.Write
            || (access == AdminAccess.Read && AdminUrls.AnyNonLoopback(current.Urls));
        if (!required)
        {
            return null;
        }

        if (string.IsNullOrEmpty(current.ApiKey))
        {
            // Only reachable for writes: a non-loopback listener without a key never starts.
            return Reject(context, AdminRejectReason.KeyNotConfigured, StatusCodes.Status403Forbidden,
                "Admin API key not configured",
                "Mutating admin endpoints are disabled until Admin:ApiKey is set.");
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Reject(context, AdminRejectReason.MissingCredentials, StatusCodes.Status401Unauthorized,
                "Authentication required",
                "Send the admin API key as 'Authorization: Bearer <key>'.");
        }

        if (!header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase)
            || !KeysEqual(header.AsSpan(Scheme.Length + 1).Trim(), current.ApiKey))
        {
            return Reject(context, AdminRejectReason.InvalidCredentials, StatusCodes.Status401Unauthorized,
                "Invalid credentials",
                "The bearer key is not the configured Admin:ApiKey.");
        }

        return null;
    }

    /// <summary>Counts, logs and builds a problem+json response for a refused request that got past authentication.</summary>
    public IResult Refuse(HttpContext context, string reason, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        Count(context, reason);
        return Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }

    private IResult Reject(HttpContext context, string reason, int status, string title, string detail)
    {
        Count(context, reason);
        if (status == StatusCodes.Status401Unauthorized)
        {
            var error = reason == AdminRejectReason.InvalidCredentials ? ", error=\"invalid_token\"" : string.Empty;
            context.Response.Headers[HeaderNames.WWWAuthenticate] = $"{Scheme} realm=\"L7Gate admin\"{error}";
        }

        return Results.Problem(statusCode: status, title: title, detail: detail);
    }

    private void Count(HttpContext context, string reason)
    {
        metrics.Rejected(reason);
        AdminLog.Rejected(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), reason);
    }

    private static bool KeysEqual(ReadOnlySpan<char> presented, string configured)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> configuredHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToArray()), presentedHash);
        SHA256.HashData(Encoding.UTF8.GetBytes(configured), configuredHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, configuredHash);
    }
}
