using System.Text.Json;
using L7Gate.Proxy.Tests.Infrastructure;

namespace L7Gate.Proxy.Tests.Streams;

/// <summary>An <c>AccessLog</c> section writing to a file in a temp directory, and the lines written there.</summary>
public sealed class StreamsAccessLogFile : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("l7gate-streams-accesslog-");

    /// <summary>The top-level <c>"AccessLog": { … }</c> section (JSON unless <paramref name="format"/> says otherwise).</summary>
    public string Section(string format = "Json") =>
        $$"""
        "AccessLog": { "Enabled": true, "Format": "{{format}}", "Path": {{JsonSerializer.Serialize(Path.Combine(_directory.FullName, "access.log"))}}, "FlushInterval": "00:00:00.100" }
        """;

    /// <summary>Waits until at least <paramref name="count"/> lines are in the file and returns them all.</summary>
    public async Task<string[]> LinesAsync(int count)
    {
        string[] lines = [];
        await Eventually.TrueAsync(() =>
        {
            var file = _directory.GetFiles("access*.log").SingleOrDefault();
            if (file is null)
            {
                return false;
            }

            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length >= count;
        }, $"{count} access-log line(s) in {_directory.FullName}");
        return lines;
    }

    /// <summary>The only line, parsed as JSON.</summary>
    public async Task<JsonElement> SingleJsonAsync()
    {
        var lines = await LinesAsync(1);
        return JsonDocument.Parse(Assert.Single(lines)).RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
