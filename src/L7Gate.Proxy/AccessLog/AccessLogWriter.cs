using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// The single consumer of <see cref="AccessLogQueue"/>: formats each entry into a reused buffer and hands the line
/// to the <see cref="IAccessLogSink"/>. On stop it writes what is still queued, then closes the sink.
/// It wakes at most once per <see cref="BatchDelay"/>: a reader woken by every queued line costs the proxy a
/// thread-pool hand-off per request, which on a small box was most of the access log's price.
/// </summary>
internal sealed partial class AccessLogWriter(
    AccessLogQueue queue,
    IAccessLogSink sink,
    IOptions<AccessLogOptions> options,
    TimeProvider time,
    ILogger<AccessLogWriter> logger) : BackgroundService
{
    /// <summary>How long the writer lets lines gather after a batch (at 8,192 queued lines that is 400,000 lines/s).</summary>
    internal static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(20);

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly IAccessLogFormatter _formatter = options.Value.Format == AccessLogFormat.Combined
        ? new CombinedAccessLogFormatter()
        : new JsonAccessLogFormatter();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: a sink that blocks at once must not hold up the start.
        await Task.Yield();
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                Drain();
                await Task.Delay(BatchDelay, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
        Drain();
        sink.Dispose();
    }

    private void Drain()
    {
        // Single consumer: the stop path only drains after the loop ended, the lock covers a stop that timed out.
        lock (_buffer)
        {
            DrainLocked();
        }
    }

    private void DrainLocked()
    {
        try
        {
            while (queue.Reader.TryRead(out var entry))
            {
                try
                {
                    _buffer.ResetWrittenCount();
                    _formatter.Write(entry, _buffer);
                }
                finally
                {
                    queue.Return(entry);
                }

                sink.WriteLine(_buffer.WrittenSpan);
            }

            sink.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSinkFailed(logger, options.Value.Path ?? "stdout", ex);
        }
    }

    [LoggerMessage(EventId = 2800, Level = LogLevel.Error, Message = "Access log {Target}: writing failed; lines are lost until it works again")]
    private static partial void LogSinkFailed(ILogger logger, string target, Exception exception);
}
