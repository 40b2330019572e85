using System.Reflection;
using L7Gate.Admin.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Admin.Dashboard;

/// <summary>
/// The dashboard at <c>/admin/</c>: three static files embedded in the assembly (no CDN, works offline). They carry
/// no data, so they are public even where the API needs the key: the page asks for the key and sends it itself.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourcePrefix = "L7Gate.Admin.Dashboard.";

    private static readonly (string File, string ContentType)[] Assets =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("dashboard.js", "text/javascript; charset=utf-8"),
        ("dashboard.css", "text/css; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder admin, IServiceProvider services)
    {
        var authorization = services.GetRequiredService<AdminAuthorization>();
        foreach (var (file, contentType) in Assets)
        {
            var bytes = Load(file);
            var handler = (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Everything the page needs comes from this listener; nothing inline, nothing remote.
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
                return Results.Bytes(bytes, contentType);
            };
            // Routing ignores a trailing slash, so "/" serves both /admin and /admin/ (the page uses absolute paths).
            admin.MapGet(file == "index.html" ? "/" : "/" + file, handler)
                .WithAdminAccess(AdminAccess.Public, authorization);
        }
    }

    private static byte[] Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"Dashboard asset {file} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
