using System.Net;
using L7Gate.Deploy.Tests.Infrastructure;

namespace L7Gate.Deploy.Tests.Publish;

/// <summary>
/// The published output started as the image starts it: the apphost (ENTRYPOINT) with
/// <c>--config .../etc/l7gate/appsettings.json</c> (CMD), the image's default config, the base image's
/// environment, working directory /app.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class ContainerStartTests(PublishedApp app)
{
    // What mcr.microsoft.com/dotnet/aspnet:10.0 sets (the config's Urls must win over the port variable).
    private static readonly Dictionary<string, string> ImageEnvironment = new()
    {
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    [Fact]
    public async Task Start_ImageDefaultConfig_ProxiesToDemoBackends()
    {
        var layout = app.NewContainerLayout();
        await using var gateway = app.Start(layout.ConfigPath, ImageEnvironment);

        using var response = await gateway.WaitForHttpAsync(new Uri(layout.ProxyUrl, "/"), TimeSpan.FromSeconds(90));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(body), "empty body from the demo backend");
        Assert.Contains($"Now listening on: {layout.ProxyUrl.ToString().TrimEnd('/')}", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ImageDefaultConfig_AdminAnswersHealthzAndReadyz()
    {
        var layout = app.NewContainerLayout();
        await using var gateway = app.Start(layout.ConfigPath, ImageEnvironment);

        using var healthz = await gateway.WaitForHttpAsync(new Uri(layout.AdminUrl, "/healthz"), TimeSpan.FromSeconds(90));
        using var readyz = await gateway.WaitForHttpAsync(new Uri(layout.AdminUrl, "/readyz"), TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
    }

    [Fact]
    public async Task HealthCheckCommand_AgainstRunningGateway_ExitsZeroThenOneAfterStop()
    {
        // The image's HEALTHCHECK line, run beside the gateway as Docker runs it (same config file).
        var layout = app.NewContainerLayout();
        await using (var gateway = app.Start(layout.ConfigPath, ImageEnvironment))
        {
            (await gateway.WaitForHttpAsync(new Uri(layout.AdminUrl, "/healthz"), TimeSpan.FromSeconds(90))).Dispose();

            var healthy = await app.RunAsync("--healthcheck", "--config", layout.ConfigPath);
            Assert.True(healthy.ExitCode == 0, healthy.Output);
        }

        var stopped = await app.RunAsync("--healthcheck", "--config", layout.ConfigPath);
        Assert.True(stopped.ExitCode == 1, stopped.Output);
    }
}
