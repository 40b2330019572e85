namespace L7Gate.Deploy.Tests.Docker;

/// <summary>One Dockerfile instruction after line continuations are joined.</summary>
/// <param name="Keyword">Upper-case keyword (FROM, COPY, RUN ...).</param>
/// <param name="Arguments">Everything after the keyword.</param>
/// <param name="Stage">Index of the build stage (0 = first FROM).</param>
/// <param name="Line">1-based line the instruction starts on, for messages.</param>
internal sealed record DockerfileInstruction(string Keyword, string Arguments, int Stage, int Line);
