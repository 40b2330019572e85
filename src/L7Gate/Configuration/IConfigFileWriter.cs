namespace L7Gate.Configuration;

/// <summary>Writes the config file; a seam so a test can make the write fail and see that nothing changed.</summary>
public interface IConfigFileWriter
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/> atomically, or throws and leaves it as it was.</summary>
    Task WriteAtomicallyAsync(string path, string contents, CancellationToken cancellationToken);
}
