namespace L7Gate.Failover.Import;

/// <summary>One keepalived.conf statement: a keyword, its arguments, and the statements of its <c>{ }</c> block, if any.</summary>
/// <param name="Keyword">The first word (<c>vrrp_instance</c>, <c>priority</c>, or an address inside <c>virtual_ipaddress</c>).</param>
/// <param name="Arguments">The words after it on the line.</param>
/// <param name="Block">The block's statements; null when the statement has none.</param>
/// <param name="Source">File and line, for messages (<c>keepalived.conf:12</c>).</param>
public sealed record KeepalivedStatement(string Keyword, IReadOnlyList<string> Arguments, IReadOnlyList<KeepalivedStatement>? Block, string Source)
{
    /// <summary>The first argument, or null.</summary>
    public string? Value => Arguments.Count > 0 ? Arguments[0] : null;
}
