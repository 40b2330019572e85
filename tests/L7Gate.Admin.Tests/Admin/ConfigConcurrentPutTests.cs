using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using L7Gate.Admin.Tests.Infrastructure;

namespace L7Gate.Admin.Tests.Admin;

/// <summary>
/// Parallel <c>PUT /admin/config</c> while the file watcher runs: every generation anyone observes is exactly one
/// write's content, generations only grow, and the last acknowledged write is what stays served.
/// </summary>
public class ConfigConcurrentPutTests : BackendTests
{
    private const int Writers = 20;

    private const int PutsPerWriter = 10;

    /// <summary>Longer than the watcher's debounce plus a full poll period (250 ms + 2 s).</summary>
    private static readonly TimeSpan ConfigWatchWindow = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Put_TwentyInParallel_EveryGenerationIsOneWriteAndLastWriteWins()
    {
        await using var gateway = GatewayHost.Start(Distinguishable("start"));
        var initial = await ObserveAsync(gateway.Client);
        var puts = new Dictionary<long, string>();

        using var stop = new CancellationTokenSource();
        var observations = new List<(long Generation, string NodeName)>();
        var observer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                observations.Add(await ObserveAsync(gateway.Client));
            }
        });

        // 20 writers in parallel, each PUTting several times in a row: the stream of writes lasts well past the
        // watcher's debounce, so its re-reads of the file race the writes queued behind them.
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var acknowledged = new List<(long Generation, string Name)>();
            for (var k = 0; k < PutsPerWriter; k++)
            {
                var name = $"put-{writer}-{k}";
                using var response = await gateway.Admin.PutAsync("/admin/config",
                    new StringContent(Distinguishable(name).ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                acknowledged.Add((JsonNode.Parse(await response.Content.ReadAsStringAsync())!["generation"]!.GetValue<long>(), name));
            }

            return acknowledged;
        })));
        foreach (var (generation, name) in results.SelectMany(r => r))
        {
            Assert.True(puts.TryAdd(generation, name), $"generation {generation} acknowledged to both {puts.GetValueOrDefault(generation)} and {name}");
        }

        // Past the watcher's debounce and one full poll period: nothing may replace the last write afterwards.
        await Task.Delay(ConfigWatchWindow);
        await stop.CancelAsync();
        await observer;

        var last = puts.Keys.Max();
        Assert.Equal(Writers * PutsPerWriter, puts.Count);
        Assert.Equal(Enumerable.Range(1, Writers * PutsPerWriter).Select(i => initial.Generation + i), puts.Keys.Order());
        var served = initial.Generation + Writers * PutsPerWriter;
        Assert.Equal(last, served);

        var sequential = observations; // written only by the observer, which has finished
        for (var i = 1; i < sequential.Count; i++)
        {
            Assert.True(sequential[i].Generation >= sequential[i - 1].Generation,
                $"generation went back from {sequential[i - 1].Generation} to {sequential[i].Generation}");
        }

        foreach (var (generation, nodeName) in sequential)
        {
            var expected = generation == initial.Generation ? initial.NodeName : puts.GetValueOrDefault(generation);
            Assert.True(expected == nodeName, $"generation {generation} served '{nodeName}', but it was acknowledged as '{expected ?? "no PUT at all"}'");
        }

        var final = await ObserveAsync(gateway.Client);
        Assert.Equal((last, puts[last]), final);
        Assert.Equal(puts[last], JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath))!["Admin"]!["NodeName"]!.GetValue<string>());
    }

    private JsonObject Distinguishable(string nodeName)
    {
        var config = TestConfig.Gateway([A]);
        config["Admin"]!["NodeName"] = nodeName;
        return config;
    }

    /// <summary>One GET: the generation (ETag) and the content (NodeName) of the same snapshot.</summary>
    private static async Task<(long Generation, string NodeName)> ObserveAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/admin/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var generation = long.Parse(response.Headers.ETag!.Tag.Trim('"'));
        var nodeName = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Admin"]!["NodeName"]!.GetValue<string>();
        return (generation, nodeName);
    }
}
