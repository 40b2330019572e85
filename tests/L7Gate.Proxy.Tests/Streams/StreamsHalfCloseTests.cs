using System.Net.Sockets;
using System.Text;
using L7Gate.Proxy.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>
/// Half-close when the backend closes first (the client-first case is in <see cref="StreamsTcpTests"/>): the
/// backend's FIN reaches the client while the client's bytes still reach the backend; a backend that closes
/// completely or resets takes the whole client connection down.
/// </summary>
public sealed class StreamsHalfCloseTests
{
    private const string Listener = """{ "Listeners": { "tcp": { "Endpoints": ["127.0.0.1:0"], "ClusterId": "c" } } }""";

    private static string Cluster(string address) => $$"""{ "c": { "Destinations": { "d0": { "Address": "{{address}}" } } } }""";

    [Fact]
    public async Task BackendHalfCloses_ClientSeesEndOfStream_AndItsBytesStillReachTheBackend()
    {
        var afterFin = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var backend = new RawBackend(async socket =>
        {
            // Speaks first, closes its sending side, then reads everything the client still sends.
            await socket.SendAsync(Encoding.ASCII.GetBytes("banner"));
            socket.Shutdown(SocketShutdown.Send);
            afterFin.TrySetResult(await socket.ReadToEndAsync());
        });
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(Listener, Cluster(backend.Address), log.Section());
        var handler = gateway.Services.GetRequiredService<StreamConnectionHandler>();

        using var client = await gateway.ConnectAsync("tcp");
        Assert.Equal("banner", await client.ReadToEndAsync());

        // The client's direction is still open: several writes after the FIN all arrive, then the client's own FIN.
        for (var i = 0; i < 3; i++)
        {
            await client.SendTextAsync($"late-{i};");
            await Task.Delay(50);
        }

        Assert.Equal(1, handler.OpenConnections("tcp"));
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("late-0;late-1;late-2;", await afterFin.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await Eventually.TrueAsync(() => handler.OpenConnections("tcp") == 0, "both FINs end the connection");
        var line = await log.SingleJsonAsync();
        Assert.Equal("backend_closed", line.GetProperty("end").GetString());
        Assert.Equal(21, line.GetProperty("bytes_in").GetInt64());
        Assert.Equal(6, line.GetProperty("bytes_out").GetInt64());
    }

    [Fact]
    public async Task BackendClosesCompletely_ClientKeepsSending_WholeClientConnectionCloses()
    {
        await using var backend = new RawBackend(async socket =>
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("bye"));
            // RawBackend closes the socket when this returns: a full close, not a half-close.
        });
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(Listener, Cluster(backend.Address), log.Section());
        var handler = gateway.Services.GetRequiredService<StreamConnectionHandler>();

        using var client = await gateway.ConnectAsync("tcp");
        Assert.Equal("bye", await client.ReadToEndAsync());

        // Bytes sent on reach a closed socket, which answers with a reset: the gateway closes the client too,
        // and the client's writes start failing.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await client.SendTextAsync("more");
                await Task.Delay(50);
                return false;
            }
            catch (SocketException)
            {
                return true;
            }
        }, "the client connection is closed after the backend's full close");
        await Eventually.TrueAsync(() => handler.OpenConnections("tcp") == 0, "the gateway let go of the connection");
        Assert.Equal("backend_reset", (await log.SingleJsonAsync()).GetProperty("end").GetString());
    }

    [Fact]
    public async Task BackendResets_WholeClientConnectionClosesAtOnce()
    {
        var reset = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var backend = new RawBackend(async socket =>
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("partial"));
            await Task.Delay(100);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close(); // RST, not FIN
            reset.TrySetResult();
        });
        using var log = new StreamsAccessLogFile();
        await using var gateway = await StreamsGateway.StartAsync(Listener, Cluster(backend.Address), log.Section());
        var handler = gateway.Services.GetRequiredService<StreamConnectionHandler>();

        using var client = await gateway.ConnectAsync("tcp");
        await reset.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The client gets what was sent before the reset, then the end of its connection, without sending anything.
        Assert.Equal("partial", await client.ReadToEndAsync());
        await Eventually.TrueAsync(() => handler.OpenConnections("tcp") == 0, "the reset ends the whole connection");
        Assert.Equal("backend_reset", (await log.SingleJsonAsync()).GetProperty("end").GetString());
    }
}
