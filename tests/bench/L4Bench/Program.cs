using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

// tests/bench/l4-bench.sh's load tool. Every mode prints one line of key=value figures.
//   L4Bench source <port>                                 bulk backend: reads "<bytes>\n", sends that many bytes, closes
//   L4Bench bulk <port> <total-bytes> <streams>           downloads total-bytes split over streams parallel connections
//   L4Bench tls <port> <seconds> <concurrency>            new connection + TLS handshake + GET + close, in a loop
return args switch
{
    ["source", var port] => await Source(int.Parse(port)),
    ["bulk", var port, var bytes, var streams] => await Bulk(int.Parse(port), long.Parse(bytes), int.Parse(streams)),
    ["tls", var port, var seconds, var concurrency] => await Tls(int.Parse(port), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: L4Bench source <port> | bulk <port> <total-bytes> <streams> | tls <port> <seconds> <concurrency>");
    return 2;
}

static async Task<int> Source(int port)
{
    using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
    listener.Listen(1024);
    Console.WriteLine($"listening={port}");
    // One buffer for every connection: the source's own cost per byte stays a plain send().
    var data = new byte[1 << 20];
    Random.Shared.NextBytes(data);
    while (true)
    {
        var socket = await listener.AcceptAsync();
        _ = Task.Run(async () =>
        {
            using (socket)
            {
                try
                {
                    var request = new byte[64];
                    var read = 0;
                    while (read == 0 || request[read - 1] != (byte)'\n')
                    {
                        var n = await socket.ReceiveAsync(request.AsMemory(read));
                        if (n == 0)
                        {
                            return;
                        }

                        read += n;
                    }

                    var remaining = long.Parse(Encoding.ASCII.GetString(request, 0, read - 1));
                    while (remaining > 0)
                    {
                        var chunk = (int)Math.Min(remaining, data.Length);
                        remaining -= await socket.SendAsync(data.AsMemory(0, chunk));
                    }

                    socket.Shutdown(SocketShutdown.Send);
                    while (await socket.ReceiveAsync(request) > 0)
                    {
                    }
                }
                catch (SocketException)
                {
                }
            }
        });
    }
}

static async Task<int> Bulk(int port, long total, int streams)
{
    var each = total / streams;
    var started = Stopwatch.GetTimestamp();
    var received = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => Task.Run(async () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(Encoding.ASCII.GetBytes($"{each}\n"));
        var buffer = new byte[256 * 1024];
        long got = 0;
        int n;
        while ((n = await socket.ReceiveAsync(buffer)) > 0)
        {
            got += n;
        }

        return got;
    })));
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var bytes = received.Sum();
    var ok = received.All(r => r == each);
    Console.WriteLine(FormattableString.Invariant($"bytes={bytes} seconds={seconds:0.000} gbit_s={bytes * 8 / seconds / 1e9:0.000} ok={ok}"));
    return ok ? 0 : 1;
}

static async Task<int> Tls(int port, double seconds, int concurrency)
{
    var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var request = "GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"u8.ToArray();
    var started = Stopwatch.GetTimestamp();
    var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        var (done, failed) = (0, 0);
        var buffer = new byte[4096];
        while (Stopwatch.GetTimestamp() < end)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
                await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "bench",
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                });
                await tls.WriteAsync(request);
                var answer = new StringBuilder();
                int n;
                while ((n = await tls.ReadAsync(buffer)) > 0)
                {
                    answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }

                if (answer.ToString().StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
                {
                    done++;
                }
                else
                {
                    failed++;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
            {
                failed++;
            }
        }

        return (done, failed);
    })));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var total = counts.Sum(c => c.done);
    Console.WriteLine(FormattableString.Invariant($"connections={total} failed={counts.Sum(c => c.failed)} seconds={elapsed:0.000} per_s={total / elapsed:0.0}"));
    return 0;
}
