using FluentValidation;

namespace L7Gate.Proxy.AccessLog;

/// <summary>Rules for the <c>AccessLog</c> section.</summary>
public sealed class AccessLogOptionsValidator : AbstractValidator<AccessLogOptions>
{
    /// <summary>Creates the rules.</summary>
    public AccessLogOptionsValidator()
    {
        RuleFor(o => o.Format).IsInEnum()
            .WithMessage(o => $"AccessLog:Format '{o.Format}' is not one of Json, Combined.");
        RuleFor(o => o.RollingInterval).IsInEnum()
            .WithMessage(o => $"AccessLog:RollingInterval '{o.RollingInterval}' is not one of None, Hour, Day, Month.");
        RuleFor(o => o.Path).Must(p => p!.Trim().Length > 0 && p.IndexOfAny(System.IO.Path.GetInvalidPathChars()) < 0)
            .When(o => o.Path is not null)
            .WithMessage(o => $"AccessLog:Path '{o.Path}' is not a file path; leave it null for stdout.");
        RuleFor(o => o.FileSizeLimitBytes).GreaterThanOrEqualTo(64 * 1024).When(o => o.FileSizeLimitBytes is not null)
            .WithMessage(o => $"AccessLog:FileSizeLimitBytes {o.FileSizeLimitBytes} is below 65536; use null for no size limit.");
        RuleFor(o => o.RetainedFileCount).InclusiveBetween(1, 10_000).When(o => o.RetainedFileCount is not null)
            .WithMessage(o => $"AccessLog:RetainedFileCount {o.RetainedFileCount} is outside 1–10000; use null to keep every file.");
        RuleFor(o => o.QueueSize).InclusiveBetween(1, 1_048_576)
            .WithMessage(o => $"AccessLog:QueueSize {o.QueueSize} is outside 1–1048576.");
        RuleFor(o => o.FlushInterval).InclusiveBetween(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10))
            .WithMessage(o => $"AccessLog:FlushInterval {o.FlushInterval} is outside 00:00:00.010–00:10:00.");
    }
}
