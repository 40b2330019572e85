namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>Config files for tests: one catch-all route to one cluster of the given backends.</summary>
public static class GatewayConfigs
{
    /// <summary>
    /// One route <c>all</c> to cluster <c>c</c>. <paramref name="clusterExtras"/> is spliced into the cluster object
    /// (e.g. <c>"Retry": {...},</c>); destinations are named after their backends.
    /// </summary>
    public static string SingleCluster(IEnumerable<TestBackend> backends, string clusterExtras = "", string loadBalancing = "FirstAlphabetical")
    {
        var destinations = string.Join(",\n", backends.Select(b => $$"""        "{{b.Name}}": { "Address": "{{b.Url}}" }"""));
        return $$"""
        {
          "ReverseProxy": {
            "Routes": { "all": { "ClusterId": "c", "Match": { "Path": "/{**rest}" } } },
            "Clusters": {
              "c": {
                "LoadBalancingPolicy": "{{loadBalancing}}",
                {{clusterExtras}}
                "Destinations": {
        {{destinations}}
                }
              }
            }
          }
        }
        """;
    }
}
