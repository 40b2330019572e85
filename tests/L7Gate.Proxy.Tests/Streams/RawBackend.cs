using System.Net;
using System.Net.Sockets;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>A plain TCP backend on 127.0.0.1 (on <paramref name="port"/>, or any free one) that runs <paramref name="serve"/> for each connection.</summary>
public sealed class RawBackend : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public RawBackend(Func<Socket, Task> serve, int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync(serve);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"tcp://127.0.0.1:{Port}";

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Echoes every byte back until the client's FIN, then closes.</summary>
    public static RawBackend Echo(int port = 0) => new(async socket =>
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read));
        }
    }, port);

    /// <summary>A port with nothing listening: connects are refused.</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync(Func<Socket, Task> serve)
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    try
                    {
                        await serve(socket);
                        socket.Shutdown(SocketShutdown.Both);
                    }
                    catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
                    {
                    }
                }
            });
        }
    }
}
