using System.Text.Json.Nodes;

namespace L7Gate.Admin.Tests.Infrastructure;

/// <summary>Config files for tests: one catch-all route to cluster "web" over the given backends.</summary>
public static class TestConfig
{
    public const string ApiKey = TestApiKey.Value;

    /// <summary>
    /// A config with cluster "web" (destinations named after the backends, FirstAlphabetical so tests know where a
    /// request goes), route "all" for every path, and the admin section given.
    /// </summary>
    public static JsonObject Gateway(IEnumerable<TestBackend> backends, JsonObject? admin = null, string loadBalancing = "FirstAlphabetical")
    {
        var destinations = new JsonObject();
        foreach (var backend in backends)
        {
            destinations[backend.Name] = new JsonObject { ["Address"] = backend.Url };
        }

        return new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning", ["L7Gate"] = "Information", ["Microsoft.Hosting.Lifetime"] = "Information" } },
            ["Admin"] = admin ?? new JsonObject { ["ApiKey"] = ApiKey },
            ["ReverseProxy"] = new JsonObject
            {
                ["Routes"] = new JsonObject
                {
                    ["all"] = new JsonObject
                    {
                        ["ClusterId"] = "web",
                        ["Match"] = new JsonObject { ["Path"] = "/{**catch-all}" },
                    },
                },
                ["Clusters"] = new JsonObject
                {
                    ["web"] = new JsonObject
                    {
                        ["LoadBalancingPolicy"] = loadBalancing,
                        ["Destinations"] = destinations,
                    },
                },
            },
        };
    }
}
