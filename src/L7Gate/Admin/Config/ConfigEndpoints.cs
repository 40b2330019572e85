using System.Text;
using System.Text.Json;
using L7Gate.Admin.Auth;
using L7Gate.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace L7Gate.Admin.Config;

/// <summary><c>GET /admin/config</c>, <c>POST /admin/config/validate</c>, <c>PUT /admin/config</c>.</summary>
internal static class ConfigEndpoints
{
    /// <summary>A config file is a few kilobytes; anything past this is not one.</summary>
    public const int MaxConfigBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder admin, IServiceProvider services)
    {
        var config = services.GetRequiredService<IGatewayConfig>();
        var authorization = services.GetRequiredService<AdminAuthorization>();
        var logger = services.GetRequiredService<ILogger<AdminAuthorization>>();

        admin.MapGet("/config", (HttpContext context) =>
        {
            // The generation and the text come from one snapshot; the ETag names the generation served.
            var current = config.Current;
            context.Response.Headers.ETag = $"\"{current.Generation}\"";
            return Results.Json(ConfigRedactor.Redact(current.Json));
        })
            .WithAdminAccess(AdminAccess.Read, authorization);

        admin.MapPost("/config/validate", async (HttpContext context) =>
        {
            var (json, problem) = await ReadBodyAsync(context, authorization);
            if (problem is not null)
            {
                return problem;
            }

            var errors = ValidateCandidate(config, json!);
            return errors.Count == 0
                ? Results.Ok(new { valid = true })
                : Invalid(context, authorization, logger, errors);
        }).WithAdminAccess(AdminAccess.Read, authorization); // a dry run changes nothing

        admin.MapPut("/config", async (HttpContext context) =>
        {
            var (json, problem) = await ReadBodyAsync(context, authorization);
            if (problem is not null)
            {
                return problem;
            }

            // Validated first so that an error of the candidate (422) is told apart from a failure to write or
            // apply a valid one (500): IGatewayConfig reports both as errors.
            var invalid = ValidateCandidate(config, json!);
            if (invalid.Count > 0)
            {
                return Invalid(context, authorization, logger, invalid);
            }

            IReadOnlyList<ConfigError> errors;
            var generation = 0L;
            try
            {
                (errors, generation) = await config.ApplyAsync(json!, context.RequestAborted);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                AdminLog.ConfigApplyFailed(logger, ex);
                errors = [new ConfigError(string.Empty, ex.Message)];
            }

            if (errors.Count > 0)
            {
                AdminLog.ConfigNotApplied(logger, config.ConfigPath, errors[0].Message);
                return authorization.Refuse(context, AdminRejectReason.ApplyFailed, StatusCodes.Status500InternalServerError,
                    "Config not applied",
                    $"The config is valid but could not be written to {config.ConfigPath} or applied; the previous config is still served.",
                    new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { path = e.Path, message = e.Message }).ToList() });
            }

            // This write's own generation: a concurrent PUT may already have applied the next one.
            AdminLog.ConfigApplied(logger, config.ConfigPath, generation);
            return Results.Ok(new { applied = true, generation, path = config.ConfigPath });
        }).WithAdminAccess(AdminAccess.Write, authorization);
    }

    /// <summary>The gateway's whole-file validation plus the admin API's own rule: no redacted secrets posted back.</summary>
    private static IReadOnlyList<ConfigError> ValidateCandidate(IGatewayConfig config, string json) =>
    [
        .. ConfigRedactor.FindPlaceholders(json).Select(path => new ConfigError(path,
            $"{path} is the redaction placeholder '{ConfigRedactor.Redacted}' copied from GET /admin/config; put the real secret back.")),
        .. config.Validate(json),
    ];

    private static IResult Invalid(HttpContext context, AdminAuthorization authorization, ILogger logger, IReadOnlyList<ConfigError> errors)
    {
        AdminLog.ConfigRejected(logger, errors.Count, errors[0].Path, errors[0].Message);
        return authorization.Refuse(context, AdminRejectReason.InvalidConfig, StatusCodes.Status422UnprocessableEntity,
            "Invalid config",
            $"The config has {errors.Count} error(s); nothing was changed.",
            new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { path = e.Path, message = e.Message }).ToList() });
    }

    private static async Task<(string? Json, IResult? Problem)> ReadBodyAsync(HttpContext context, AdminAuthorization authorization)
    {
        if (context.Request.ContentLength > MaxConfigBytes)
        {
            return (null, TooLarge(context, authorization));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxConfigBytes)
            {
                return (null, TooLarge(context, authorization));
            }

            buffer.Write(chunk, 0, read);
        }

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, authorization.Refuse(context, AdminRejectReason.BadRequest, StatusCodes.Status400BadRequest,
                "Body is not UTF-8", "Post the config file's JSON text as UTF-8."));
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, authorization.Refuse(context, AdminRejectReason.BadRequest, StatusCodes.Status400BadRequest,
                "Empty body", "Post the whole config file's JSON text (the ReverseProxy, Failover, Admin and Telemetry sections)."));
        }

        return (json.TrimStart('\uFEFF'), null);
    }

    private static IResult TooLarge(HttpContext context, AdminAuthorization authorization) =>
        authorization.Refuse(context, AdminRejectReason.BadRequest, StatusCodes.Status413PayloadTooLarge,
            "Config too large", $"A config file may be at most {MaxConfigBytes} bytes.");
}
