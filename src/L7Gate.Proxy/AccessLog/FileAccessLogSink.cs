using System.Text;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace L7Gate.Proxy.AccessLog;

/// <summary>
/// Lines to a file through Serilog.Sinks.File, which does the file work: rolling by size and time, keeping a number
/// of old files, buffered writes flushed to disk every <see cref="AccessLogOptions.FlushInterval"/>. Rolled files
/// are named after the configured path with the period and a sequence ("access20260301_001.log").
/// Lines reach Serilog in batches of up to <see cref="BatchChars"/> characters (one event per writer batch, not per
/// line), so the per-event work is paid once per batch; a rolled file may pass the size limit by one batch (at most
/// a sixteenth of the limit, 4 KiB minimum) plus one line.
/// </summary>
internal sealed class FileAccessLogSink : IAccessLogSink
{
    private static readonly MessageTemplate NoTemplate = new([]);
    private const int BatchChars = 32 * 1024;
    private readonly Logger _logger;
    private readonly StringBuilder _batch = new(BatchChars + 1024);
    private readonly int _batchChars;

    public FileAccessLogSink(AccessLogOptions options)
    {
        // A batch is at most a sixteenth of the size limit (at least 4 KiB), so a rolled file overshoots by little.
        _batchChars = options.FileSizeLimitBytes is { } limit ? (int)Math.Clamp(limit / 16, 4096, BatchChars) : BatchChars;
        _logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(
                new LineFormatter(),
                options.Path!,
                rollingInterval: options.RollingInterval switch
                {
                    AccessLogRolling.Hour => RollingInterval.Hour,
                    AccessLogRolling.Day => RollingInterval.Day,
                    AccessLogRolling.Month => RollingInterval.Month,
                    _ => RollingInterval.Infinite,
                },
                fileSizeLimitBytes: options.FileSizeLimitBytes,
                rollOnFileSizeLimit: options.FileSizeLimitBytes is not null,
                retainedFileCountLimit: options.RetainedFileCount,
                buffered: true,
                flushToDiskInterval: options.FlushInterval,
                encoding: new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
            .CreateLogger();
    }

    public void WriteLine(ReadOnlySpan<byte> utf8Line)
    {
        Span<char> chars = utf8Line.Length <= 1024 ? stackalloc char[utf8Line.Length] : new char[utf8Line.Length];
        var count = Encoding.UTF8.GetChars(utf8Line, chars);
        _batch.Append(chars[..count]).Append('\n');
        if (_batch.Length >= _batchChars)
        {
            Flush();
        }
    }

    public void Flush()
    {
        // Serilog flushes its buffered output to disk on its own timer (FlushInterval) and on Dispose.
        if (_batch.Length == 0)
        {
            return;
        }

        var lines = _batch.ToString();
        _batch.Clear();
        _logger.Write(new LogEvent(DateTimeOffset.MinValue, LogEventLevel.Information, null, NoTemplate,
            [new LogEventProperty(LineFormatter.Property, new ScalarValue(lines))]));
    }

    public void Dispose()
    {
        Flush();
        _logger.Dispose();
    }

    /// <summary>Writes the pre-formatted line as is.</summary>
    private sealed class LineFormatter : ITextFormatter
    {
        public const string Property = "L";

        public void Format(LogEvent logEvent, TextWriter output)
        {
            if (logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: string lines })
            {
                output.Write(lines); // whole lines, each ending in '\n'
            }
        }
    }
}
