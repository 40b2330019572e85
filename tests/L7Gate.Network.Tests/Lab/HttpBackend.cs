using System.Net;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A real HTTP backend in a lab node: Python's http.server serving a one-file directory whose
/// index names the backend.
/// </summary>
public static class HttpBackend
{
    /// <summary>The port backends listen on.</summary>
    public const int Port = 8080;

    /// <summary>Starts the backend bound to the node's address and waits until it accepts connections.</summary>
    public static async Task<LabProcess> StartAsync(NetnsLab lab, LabNode node, string name)
    {
        var directory = Directory.CreateTempSubdirectory($"lgn-backend-{name}-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "index.html"), $"backend {name}\n");
        var process = lab.Start(node, "http.server", "/usr/bin/python3",
            ["-m", "http.server", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", node.Address.ToString(), "--directory", directory]);
        var probe = lab.ThreadIn(node);
        if (!await Tcp.WaitForListenerAsync(probe, new IPEndPoint(node.Address, Port), TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"backend {name} did not listen on {node.Address}:{Port}:{Environment.NewLine}{process.Output}");
        }

        return process;
    }
}
