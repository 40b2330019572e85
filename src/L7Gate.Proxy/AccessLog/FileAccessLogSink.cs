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
/// </summary>
internal sealed class FileAccessLogSink : IAccessLogSink
{
    private static readonly MessageTemplate NoTemplate = new([]);
    private readonly Logger _logger;

    public FileAccessLogSink(AccessLogOptions options)
    {
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
        var line = Encoding.UTF8.GetString(utf8Line);
        _logger.Write(new LogEvent(DateTimeOffset.MinValue, LogEventLevel.Information, null, NoTemplate,
            [new LogEventProperty(LineFormatter.Property, new ScalarValue(line))]));
    }

    public void Flush()
    {
        // Serilog flushes buffered output to disk on its own timer (FlushInterval) and on Dispose.
    }

    public void Dispose() => _logger.Dispose();

    /// <summary>Writes the pre-formatted line as is.</summary>
    private sealed class LineFormatter : ITextFormatter
    {
        public const string Property = "L";

        public void Format(LogEvent logEvent, TextWriter output)
        {
            if (logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: string line })
            {
                output.Write(line);
                output.Write('\n');
            }
        }
    }
}
