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
        RuleFor(x => x).Custom(ValidateSyncGroups);
    }

    private static void ValidateSyncGroups(FailoverOptions options, ValidationContext<FailoverOptions> ctx)
    {
        var memberOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, group) in options.SyncGroups ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains(':') || name.Any(char.IsWhiteSpace))
            {
                ctx.AddFailure(new ValidationFailure($"SyncGroups:{name}", $"Failover sync group '{name}': the name must be non-empty without ':' or spaces (it is passed to notify scripts)", name));
                continue;
            }

            if (group is null || group.Instances.Count == 0)
            {
                ctx.AddFailure(new ValidationFailure($"SyncGroups:{name}:Instances", $"Failover sync group '{name}': Instances is empty: list the instances that change state together"));
                continue;
            }

            for (int i = 0; i < group.Instances.Count; i++)
            {
                var member = group.Instances[i];
                var path = $"SyncGroups:{name}:Instances:{i}";
                if (member is null || !(options.Instances?.ContainsKey(member) ?? false))
                {
                    ctx.AddFailure(new ValidationFailure(path, $"Failover sync group '{name}': Instances entry '{member}' is not an instance under Failover:Instances", member));
                }
                else if (memberOf.TryGetValue(member, out var other))
                {
                    ctx.AddFailure(new ValidationFailure(path, other.Equals(name, StringComparison.OrdinalIgnoreCase)
                        ? $"Failover sync group '{name}': Instances lists '{member}' twice"
                        : $"Failover sync group '{name}': instance '{member}' is already in sync group '{other}' (an instance belongs to one group at most)", member));
                }
                else
                {
                    memberOf[member] = name;
                }
            }

            foreach (var failure in NotifyFailures(group.Notify ?? new VrrpNotifyOptions(), $"SyncGroups:{name}:Notify", $"Failover sync group '{name}'"))
            {
                ctx.AddFailure(failure);
            }
        }
    }

    private static IEnumerable<ValidationFailure> NotifyFailures(VrrpNotifyOptions notify, string path, string owner)
    {
        foreach (var (key, script) in new[] { ("Master", notify.Master), ("Backup", notify.Backup), ("Fault", notify.Fault), ("Stop", notify.Stop), ("Any", notify.Any) })
        {
            if (script is not null && (script.Length == 0 || script[0] != '/' || script.Any(char.IsControl)))
            {
                yield return new ValidationFailure($"{path}:{key}", $"{owner}: Notify.{key} '{script}' is not an absolute script path", script);
            }
        }

        if (notify.Timeout <= TimeSpan.Zero || notify.Timeout > TimeSpan.FromHours(1))
        {
            yield return new ValidationFailure($"{path}:Timeout", $"{owner}: Notify.Timeout {notify.Timeout:c} is outside 00:00:00–01:00:00 (above zero)", notify.Timeout);
        }
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
        var vmacs = new Dictionary<string, string>(StringComparer.Ordinal);
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

            // One macvlan per instance: two instances on one would bring each other's VIPs up and down.
            if (instance.EffectiveVirtualMacInterface is { } vmac)
            {
                if (vmacs.TryGetValue(vmac, out var user))
                {
                    ctx.AddFailure(new ValidationFailure($"Instances:{name}:VirtualMacInterface",
                        $"Failover instance '{name}': virtual MAC interface {vmac} is already used by instance '{user}'; set VirtualMacInterface to a name of its own", vmac));
                }
                else
                {
                    vmacs[vmac] = name;
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
