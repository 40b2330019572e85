using System.Text.Json;
using System.Text.Json.Nodes;
using L7Gate.Failover.Import;

namespace L7Gate.Hosting;

/// <summary>
/// <c>L7Gate import keepalived /etc/keepalived/keepalived.conf</c>: prints the equivalent <c>Failover</c> section as
/// JSON on stdout and one line on stderr for every keyword it cannot carry over. Exit code 0 when the file was read
/// (warnings or not), 1 when it could not be read or parsed, or the command line is wrong. Runs before the host is built.
/// </summary>
public static class ImportKeepalivedCommand
{
    /// <summary>True when <paramref name="args"/> ask for this command rather than the server.</summary>
    public static bool IsRequested(string[] args) =>
        args.Length >= 1 && args[0] == "import";

    /// <summary>Runs the import and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 3 || args[1] != "keepalived")
        {
            stderr.WriteLine("usage: L7Gate import keepalived <keepalived.conf>");
            return 1;
        }

        KeepalivedImportResult result;
        try
        {
            result = KeepalivedImporter.ImportFile(args[2]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            stderr.WriteLine($"import keepalived: {ex.Message}");
            return 1;
        }

        foreach (var warning in result.Warnings)
        {
            stderr.WriteLine(warning);
        }

        var document = new JsonObject { ["Failover"] = result.Failover };
        stdout.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }
}
