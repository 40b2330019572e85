using System.Net;
using FluentValidation;
using FluentValidation.Results;

namespace L7Gate.Failover.Options;

/// <summary>
/// Validates the whole Failover section and reports every error at once. Each failure's
/// <see cref="ValidationFailure.PropertyName"/> is a colon path relative to the section
/// (<c>Instances:VI_1:VirtualRouterId</c>); prefix <see cref="FailoverOptions.SectionName"/> for the file path.
/// </summary>
public sealed class FailoverOptionsValidator : AbstractValidator<FailoverOptions>
{
    /// <summary>Creates the validator.</summary>
    public FailoverOptionsValidator()
    {
        RuleFor(x => x.LinkPollInterval)
            .InclusiveBetween(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10))
            .WithMessage(x => $"Failover: LinkPollInterval {x.LinkPollInterval:c} is outside 00:00:00.01–00:00:10")
            .OverridePropertyName("LinkPollInterval");

        RuleFor(x => x.ThreadNice)
            .InclusiveBetween(-20, 19)
            .WithMessage(x => $"Failover: ThreadNice {x.ThreadNice} is outside -20–19 (a nice value)")
            .OverridePropertyName("ThreadNice");

        RuleFor(x => x).Custom(ValidateInstances);
        RuleFor(x => x).Custom(ValidateTrackScripts);
    }

    private static void ValidateTrackScripts(FailoverOptions options, ValidationContext<FailoverOptions> ctx)
    {
        var scripts = options.TrackScripts ?? [];
        foreach (var (name, script) in scripts)
        {
            if (script is null)
            {
                ctx.AddFailure(new ValidationFailure($"TrackScripts:{name}", $"Failover track script '{name}': the script is empty: Path is required"));
                continue;
            }

            foreach (var failure in new TrackScriptOptionsValidator(name).Validate(script).Errors)
            {
                ctx.AddFailure(failure);
            }
        }

        foreach (var (name, instance) in options.Instances ?? [])
        {
            var tracks = instance?.TrackScripts ?? [];
            for (int i = 0; i < tracks.Count; i++)
            {
                if (tracks[i] is { } track && !string.IsNullOrWhiteSpace(track.Name) && !scripts.ContainsKey(track.Name))
                {
                    ctx.AddFailure(new ValidationFailure($"Instances:{name}:TrackScripts:{i}:Name",
                        $"Failover instance '{name}': TrackScripts entry '{track.Name}' is not defined under Failover:TrackScripts", track.Name));
                }
            }
        }
    }

    private static void ValidateInstances(FailoverOptions options, ValidationContext<FailoverOptions> ctx)
    {
        var vrids = new Dictionary<(string Interface, int Vrid), string>();
        var vips = new Dictionary<IPAddress, string>();
        foreach (var (name, instance) in options.Instances ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains(':') || name.Any(char.IsWhiteSpace))
            {
                ctx.AddFailure(new ValidationFailure($"Instances:{name}", $"Failover instance '{name}': the name must be non-empty without ':' or spaces (it is passed to notify scripts)", name));
                continue;
            }

            if (instance is null)
            {
                ctx.AddFailure(new ValidationFailure($"Instances:{name}", $"Failover instance '{name}': the instance is empty: Interface, VirtualRouterId and VirtualIPs are required"));
                continue;
            }

            foreach (var failure in new VrrpInstanceOptionsValidator(name).Validate(instance).Errors)
            {
                ctx.AddFailure(failure);
            }

            // Two instances with one VRID on one link are one virtual router to every peer (RFC 5798 §5.2.3).
            if (instance.VirtualRouterId is >= 1 and <= 255 && !string.IsNullOrEmpty(instance.Interface))
            {
                if (vrids.TryGetValue((instance.Interface, instance.VirtualRouterId), out var other))
                {
                    ctx.AddFailure(new ValidationFailure($"Instances:{name}:VirtualRouterId",
                        $"Failover instance '{name}': VirtualRouterId {instance.VirtualRouterId} on {instance.Interface} is already used by instance '{other}'", instance.VirtualRouterId));
                }
                else
                {
                    vrids[(instance.Interface, instance.VirtualRouterId)] = name;
                }
            }

            // A VIP owned by two instances would be added and removed by both: the address flaps.
            for (int i = 0; i < instance.VirtualIPs.Count; i++)
            {
                if (!VirtualIpAddress.TryParse(instance.VirtualIPs[i], out var vip))
                {
                    continue;
                }

                if (vips.TryGetValue(vip.Value.Address, out var owner) && owner != name)
                {
                    ctx.AddFailure(new ValidationFailure($"Instances:{name}:VirtualIPs:{i}",
                        $"Failover instance '{name}': VirtualIPs entry {vip.Value.Address} is already claimed by instance '{owner}'", instance.VirtualIPs[i]));
                }
                else
                {
                    vips[vip.Value.Address] = name;
                }
            }
        }
    }
}
