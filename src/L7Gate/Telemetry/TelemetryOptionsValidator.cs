using FluentValidation;

namespace L7Gate.Telemetry;

/// <summary>Rules for the <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptionsValidator : AbstractValidator<TelemetryOptions>
{
    /// <summary>Creates the rules.</summary>
    public TelemetryOptionsValidator()
    {
        RuleFor(o => o.ServiceName)
            .NotEmpty()
            .WithMessage("Telemetry:ServiceName is empty; give the service.name traces and metrics carry (default l7gate).")
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
            .When(o => !string.IsNullOrEmpty(o.ServiceName))
            .WithMessage(o => $"Telemetry:ServiceName '{o.ServiceName}' is not allowed; use up to 128 letters, digits, '.', '_' or '-'.");

        RuleFor(o => o.TraceSampleRatio)
            .InclusiveBetween(0.0, 1.0)
            .WithMessage(o => $"Telemetry:TraceSampleRatio {o.TraceSampleRatio} is outside 0–1.");

        RuleFor(o => o.Otlp)
            .IsInEnum()
            .WithMessage(o => $"Telemetry:Otlp '{o.Otlp}' is not one of Auto, Enabled, Disabled.");

        RuleFor(o => o.Tracing)
            .IsInEnum()
            .WithMessage(o => $"Telemetry:Tracing '{o.Tracing}' is not one of Auto, Enabled, Disabled.");
    }
}
