using System.Text.Json.Nodes;

namespace L7Gate.Failover.Import;

/// <summary>An imported keepalived.conf: the <c>Failover</c> section and one message per keyword that was not carried over.</summary>
/// <param name="Failover">The section's JSON (only keys that differ from L7Gate's defaults, plus Version).</param>
/// <param name="Warnings">"keepalived.conf:12: use_vmac: not carried over (...)" lines, in file order.</param>
public sealed record KeepalivedImportResult(JsonObject Failover, IReadOnlyList<string> Warnings);
