namespace L7Gate.Configuration;

/// <summary>
/// Temp file in the same directory, flushed to disk, then renamed over the target: rename within one filesystem is
/// atomic, so a reader (or a crash) sees the old file or the new one, never half of one.
/// </summary>
internal sealed class AtomicConfigFileWriter : IConfigFileWriter
{
    public async Task WriteAtomicallyAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // The file may hold secrets (Admin:ApiKey): the replacement keeps the original's permissions.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                options.UnixCreateMode = File.GetUnixFileMode(path);
            }

            await using (var stream = new FileStream(temp, options))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(contents.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
