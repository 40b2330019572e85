using System.Net;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A real HTTP backend in a lab node: Python's http.server answering every GET with "backend NAME".
/// </summary>
public static class HttpBackend
{
    /// <summary>The port backends listen on.</summary>
    public const int Port = 8080;

    /// <summary>Starts the backend bound to the node's address and waits until it accepts connections.</summary>
    public static async Task<LabProcess> StartAsync(NetnsLab lab, LabNode node, string name)
    {
        // Python's threading HTTP server with the access log silenced (it would flood the test's log). Nagle off: it
        // writes the headers and the body separately, and the second write would wait ~40 ms for the proxy's delayed
        // ACK, making every request through the lab 40 ms long.
        const string Server = """
            import sys
            from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                disable_nagle_algorithm = True
                def do_GET(self):
                    body = ("backend " + sys.argv[3] + "\n").encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            ThreadingHTTPServer.request_queue_size = 512
            ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
            """;
        var process = lab.Start(node, "http backend", "/usr/bin/python3",
            ["-c", Server, node.Address.ToString(), Port.ToString(System.Globalization.CultureInfo.InvariantCulture), name]);
        var probe = lab.ThreadIn(node);
        if (!await Tcp.WaitForListenerAsync(probe, new IPEndPoint(node.Address, Port), TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"backend {name} did not listen on {node.Address}:{Port}:{Environment.NewLine}{process.Output}");
        }

        return process;
    }
}
