namespace L7Gate.Proxy.Routing.Dfa;

/// <summary>
/// Bounds the size of the DFA the node policies make ASP.NET Core build. Each split copies the endpoints it
/// does not decide on into every edge, so header, language and browser splits on one path multiply; past
/// <see cref="MaxEntries"/> endpoint entries in one matcher build a node is left unsplit, and the selector
/// policies (which give the same result, only per candidate) do the work there.
/// </summary>
/// <remarks>
/// A build is the run of <c>GetEdges</c> calls before the first <c>BuildJumpTable</c> (ASP.NET Core first
/// builds the whole tree, then the tables), so the count starts over at the first split after a table was built.
/// </remarks>
internal sealed class PruningBudget
{
    /// <summary>Most endpoint entries the node policies add to one matcher (about 8 MB of candidates).</summary>
    public const long MaxEntries = 1_000_000;

    private readonly Lock _lock = new();
    private long _used;
    private bool _building;

    /// <summary>Takes <paramref name="entries"/> from this build's budget; false (nothing taken) when it does not fit.</summary>
    public bool TryReserve(long entries)
    {
        lock (_lock)
        {
            if (!_building)
            {
                _building = true;
                _used = 0;
            }

            if (_used + entries > MaxEntries)
            {
                return false;
            }

            _used += entries;
            return true;
        }
    }

    /// <summary>A jump table is being built: the tree of this build is complete.</summary>
    public void TreeComplete()
    {
        lock (_lock)
        {
            _building = false;
        }
    }
}
