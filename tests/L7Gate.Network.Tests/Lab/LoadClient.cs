using System.Diagnostics;
using System.Net;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A client at a steady rate, a new connection per request, each with a hard timeout — what a VIP's
/// users see during a failover. Requests are scheduled on absolute times, so a slow request does not
/// delay the next one.
/// </summary>
public sealed class LoadClient
{
    private readonly NetnsThread _netns;
    private readonly IPEndPoint _target;
    private readonly int _rate;
    private readonly TimeSpan _timeout;
    private readonly List<LoadSample> _samples = [];
    private readonly Lock _lock = new();

    public LoadClient(NetnsThread netns, IPEndPoint target, int ratePerSecond, TimeSpan timeout)
    {
        _netns = netns;
        _target = target;
        _rate = ratePerSecond;
        _timeout = timeout;
    }

    /// <summary>Sends requests until <paramref name="stop"/> fires, then waits for the stragglers.</summary>
    public async Task<LoadResult> RunAsync(CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        var period = TimeSpan.FromSeconds(1.0 / _rate);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = period * n;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            inFlight.Add(SendOneAsync(started));
        }

        await Task.WhenAll(inFlight);
        lock (_lock)
        {
            return new LoadResult(started, _samples.OrderBy(s => s.Start).ToList());
        }
    }

    private async Task SendOneAsync(long origin)
    {
        await Task.Yield();
        var start = Stopwatch.GetElapsedTime(origin);
        var result = await HttpProbe.GetAsync(_netns, _target, _timeout);
        var end = Stopwatch.GetElapsedTime(origin);
        lock (_lock)
        {
            _samples.Add(new LoadSample(start, end, result.Ok, result.Status));
        }
    }
}

/// <summary>One request: when it started and ended (from the run's start) and how it went.</summary>
public sealed record LoadSample(TimeSpan Start, TimeSpan End, bool Ok, string Status);

/// <summary>All requests of a run, with the figures a failover is judged by.</summary>
/// <param name="Origin">The Stopwatch timestamp the sample times count from.</param>
public sealed record LoadResult(long Origin, IReadOnlyList<LoadSample> Samples)
{
    public int Total => Samples.Count;

    public int Failed => Samples.Count(s => !s.Ok);

    /// <summary>The longest time between two consecutive successful responses.</summary>
    public TimeSpan LongestGap
    {
        get
        {
            var ends = Samples.Where(s => s.Ok).Select(s => s.End).Order().ToList();
            return ends.Zip(ends.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        }
    }

    /// <summary>
    /// The longest time the service was seen down: from the start of a failed request to the start of the next
    /// successful one (or the last request's end). Unlike <see cref="LongestGap"/>, a pause of the client itself
    /// (nothing sent, nothing failed) is not counted.
    /// </summary>
    public TimeSpan LongestOutage
    {
        get
        {
            var longest = TimeSpan.Zero;
            TimeSpan? down = null;
            foreach (var sample in Samples)
            {
                if (!sample.Ok)
                {
                    down ??= sample.Start;
                }
                else if (down is { } since)
                {
                    longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, (sample.Start - since).Ticks));
                    down = null;
                }
            }

            return down is { } open && Samples.Count > 0 ? TimeSpan.FromTicks(Math.Max(longest.Ticks, (Samples.Max(s => s.End) - open).Ticks)) : longest;
        }
    }

    /// <summary>The requests that started at or after <paramref name="eventTimestamp"/> + <paramref name="from"/> (negative: before it).</summary>
    public LoadResult Since(long eventTimestamp, TimeSpan from)
    {
        var start = TimeSpan.FromSeconds((eventTimestamp - Origin) / (double)Stopwatch.Frequency) + from;
        return this with { Samples = Samples.Where(s => s.Start >= start).ToList() };
    }

    /// <summary>When each failed request started, relative to <paramref name="eventTimestamp"/> (a Stopwatch timestamp), e.g. "+0.012 s timeout".</summary>
    public string FailureTimeline(long eventTimestamp)
    {
        var offset = TimeSpan.FromSeconds((eventTimestamp - Origin) / (double)Stopwatch.Frequency);
        return string.Join(", ", Samples.Where(s => !s.Ok).Select(s => $"{(s.Start - offset).TotalSeconds:+0.000;-0.000} s {s.Status}"));
    }

    /// <summary>The failures grouped by status, for assertion messages ("timeout ×3, ConnectionRefused ×1").</summary>
    public string FailureSummary => string.Join(", ", Samples.Where(s => !s.Ok).GroupBy(s => s.Status).Select(g => $"{g.Key} ×{g.Count()}"));
}
