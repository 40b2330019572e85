namespace L7Gate.Configuration;

/// <summary>
/// The config file chosen on the command line, its text at startup (or why it could not be read), and whether
/// this is a <c>--check</c> run.
/// </summary>
internal sealed record GatewayConfigFile(string Path, string? InitialText, bool CheckOnly, string? ReadError = null);
