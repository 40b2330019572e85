using System.Globalization;
using System.Text.Json.Nodes;

namespace L7Gate.Failover.Import;

/// <summary>
/// Turns keepalived.conf statements into L7Gate's <c>Failover</c> section: vrrp_instance → Instances, vrrp_script →
/// TrackScripts, vrrp_sync_group → SyncGroups, with VIPs, unicast peers, authentication, track_interface,
/// track_script, notify scripts and GARP settings (global_defs' vrrp_garp_* and vrrp_version as instance defaults).
/// Every keyword without an L7Gate equivalent is reported, never silently dropped. keepalived's defaults differ from
/// L7Gate's in one place that matters on the wire: VRRP version 2, so Version is always written.
/// </summary>
public sealed class KeepalivedImporter
{
    private readonly List<string> _warnings = [];
    private readonly JsonObject _garpDefaults = [];
    private int _defaultVersion = 2; // keepalived's default for IPv4

    /// <summary>Imports the file at <paramref name="path"/> (includes followed).</summary>
    public static KeepalivedImportResult ImportFile(string path) => new KeepalivedImporter().Import(KeepalivedConfParser.ParseFile(path));

    /// <summary>Imports parsed statements.</summary>
    public KeepalivedImportResult Import(IReadOnlyList<KeepalivedStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var instances = new JsonObject();
        var scripts = new JsonObject();
        var groups = new JsonObject();
        foreach (var global in statements.Where(s => s.Keyword == "global_defs"))
        {
            ImportGlobals(global);
        }

        foreach (var statement in statements)
        {
            switch (statement.Keyword)
            {
                case "global_defs":
                    break;
                case "vrrp_instance" when statement.Block is not null && statement.Value is { } name:
                    instances[name] = ImportInstance(statement);
                    break;
                case "vrrp_script" when statement.Block is not null && statement.Value is { } name:
                    scripts[name] = ImportScript(statement);
                    break;
                case "vrrp_sync_group" when statement.Block is not null && statement.Value is { } name:
                    groups[name] = ImportGroup(statement);
                    break;
                case "virtual_server" or "virtual_server_group" or "real_server":
                    Skip(statement, "LVS load balancing is not part of L7Gate's Failover section (L7Gate proxies at layer 7: see ReverseProxy)");
                    break;
                default:
                    Skip(statement);
                    break;
            }
        }

        var failover = new JsonObject { ["Instances"] = instances };
        if (scripts.Count > 0)
        {
            failover["TrackScripts"] = scripts;
        }

        if (groups.Count > 0)
        {
            failover["SyncGroups"] = groups;
        }

        return new KeepalivedImportResult(failover, _warnings);
    }

    private void ImportGlobals(KeepalivedStatement global)
    {
        foreach (var s in global.Block!)
        {
            switch (s.Keyword)
            {
                case "vrrp_version" when Int(s) is { } version:
                    _defaultVersion = version;
                    break;
                case "vrrp_garp_master_delay" or "vrrp_garp_master_repeat" or "vrrp_garp_master_refresh" or "vrrp_garp_master_refresh_repeat"
                    when Int(s) is { } value:
                    ImportGarp(s.Keyword["vrrp_".Length..], value, _garpDefaults);
                    break;
                case "router_id":
                    Skip(s, "not needed: L7Gate names nodes by their address");
                    break;
                case "enable_script_security" or "script_user":
                    Skip(s, "L7Gate runs scripts without a shell as its own user; set TrackScripts:<name>:User per script");
                    break;
                case "notification_email" or "notification_email_from" or "smtp_server" or "smtp_connect_timeout":
                    Skip(s, "L7Gate sends no mail: use a notify script or the metrics");
                    break;
                default:
                    Skip(s);
                    break;
            }
        }
    }

    private JsonObject ImportInstance(KeepalivedStatement instance)
    {
        var o = new JsonObject();
        int? version = null;
        var garp = _garpDefaults.DeepClone().AsObject();
        var notify = new JsonObject();
        foreach (var s in instance.Block!)
        {
            switch (s.Keyword)
            {
                case "interface":
                    o["Interface"] = s.Value;
                    break;
                case "virtual_router_id" when Int(s) is { } vrid:
                    o["VirtualRouterId"] = vrid;
                    break;
                case "priority" when Int(s) is { } priority:
                    o["Priority"] = priority;
                    break;
                case "advert_int" when Number(s) is { } interval:
                    o["AdvertisementInterval"] = Span(TimeSpan.FromMilliseconds(Math.Round(interval * 1000)));
                    break;
                case "version" when Int(s) is { } v:
                    version = v;
                    break;
                case "nopreempt":
                    o["Preempt"] = false;
                    break;
                case "preempt":
                    break; // the default
                case "preempt_delay" when Number(s) is { } delay:
                    o["PreemptDelay"] = Span(TimeSpan.FromSeconds(delay));
                    break;
                case "state":
                    Skip(s, "not needed: L7Gate starts every instance below priority 255 as backup and lets the election decide, as keepalived does after start-up");
                    break;
                case "virtual_ipaddress" when s.Block is not null:
                    o["VirtualIPs"] = ImportVips(s, instance);
                    break;
                case "unicast_src_ip":
                    o["UnicastSource"] = s.Value;
                    break;
                case "unicast_peer" when s.Block is not null:
                    o["UnicastPeers"] = new JsonArray(s.Block.Select(p => (JsonNode?)JsonValue.Create(p.Keyword)).ToArray());
                    WarnExtraWords(s.Block, "unicast_peer");
                    break;
                case "check_unicast_src":
                    break; // L7Gate's CheckUnicastSource is on by default
                case "authentication" when s.Block is not null:
                    ImportAuthentication(s, o);
                    break;
                case "track_interface" when s.Block is not null:
                    o["TrackInterfaces"] = new JsonArray(s.Block.Select(t => (JsonNode?)Track(t, "Name")).ToArray());
                    break;
                case "track_script" when s.Block is not null:
                    o["TrackScripts"] = new JsonArray(s.Block.Select(t => (JsonNode?)Track(t, "Name", omitZeroWeight: false)).ToArray());
                    break;
                case "notify_master" or "notify_backup" or "notify_fault" or "notify_stop" or "notify":
                    ImportNotify(s, notify);
                    break;
                case "garp_master_delay" or "garp_master_repeat" or "garp_master_refresh" or "garp_master_refresh_repeat"
                    when Int(s) is { } value:
                    ImportGarp(s.Keyword, value, garp);
                    break;
                case "use_vmac":
                    o["UseVirtualMac"] = true;
                    if (s.Value is { } vmacName)
                    {
                        o["VirtualMacInterface"] = vmacName;
                    }

                    break;
                case "vmac_xmit_base":
                    o["VirtualMacTransmitBase"] = true;
                    break;
                default:
                    Skip(s);
                    break;
            }
        }

        // Version first-class: keepalived defaults to 2 and a v2/v3 mismatch splits the brain.
        o["Version"] = version ?? _defaultVersion;
        if (garp.Count > 0)
        {
            o["Garp"] = garp;
        }

        if (notify.Count > 0)
        {
            o["Notify"] = notify;
        }

        return o;
    }

    private JsonArray ImportVips(KeepalivedStatement block, KeepalivedStatement instance)
    {
        var vips = new JsonArray();
        var own = instance.Block!.FirstOrDefault(s => s.Keyword == "interface")?.Value;
        foreach (var vip in block.Block!)
        {
            if (vip.Keyword.Contains(':'))
            {
                Skip(vip, "IPv6 VIPs are not supported yet (VRRPv3 over IPv6)");
                continue;
            }

            if (vips.Any(v => v!.GetValue<string>() == vip.Keyword))
            {
                _warnings.Add($"{vip.Source}: virtual_ipaddress {vip.Keyword}: listed twice; kept once");
            }
            else
            {
                vips.Add(vip.Keyword);
            }

            for (int i = 0; i + 1 < vip.Arguments.Count; i += 2)
            {
                if (vip.Arguments[i] == "dev" && vip.Arguments[i + 1] == own)
                {
                    continue;
                }

                _warnings.Add($"{vip.Source}: virtual_ipaddress {vip.Keyword} {vip.Arguments[i]} {vip.Arguments[i + 1]}: not carried over (L7Gate adds every VIP to the instance's Interface, without labels or scopes)");
            }
        }

        return vips;
    }

    private void ImportAuthentication(KeepalivedStatement block, JsonObject instance)
    {
        // One pair per line usually, but "authentication { auth_type PASS auth_pass x }" on one line is legal too.
        var words = block.Block!.SelectMany(s => new[] { s.Keyword }.Concat(s.Arguments)).ToList();
        for (int i = 0; i + 1 < words.Count; i += 2)
        {
            switch (words[i])
            {
                case "auth_type" when words[i + 1] == "PASS":
                    break;
                case "auth_type":
                    _warnings.Add($"{block.Source}: auth_type {words[i + 1]}: not carried over (L7Gate supports PASS only; IPsec AH was removed from VRRP in RFC 3768)");
                    break;
                case "auth_pass":
                    var password = words[i + 1];
                    if (password.Length > 8)
                    {
                        _warnings.Add($"{block.Source}: auth_pass: keepalived uses only its first 8 characters; so does the import");
                        password = password[..8];
                    }

                    instance["Authentication"] = new JsonObject { ["Password"] = password };
                    break;
                default:
                    _warnings.Add($"{block.Source}: authentication {words[i]}: not carried over (unknown keyword)");
                    break;
            }
        }
    }

    private JsonObject Track(KeepalivedStatement track, string nameKey, bool omitZeroWeight = true)
    {
        var o = new JsonObject { [nameKey] = track.Keyword };
        for (int i = 0; i < track.Arguments.Count; i++)
        {
            if (track.Arguments[i] == "weight" && i + 1 < track.Arguments.Count
                && int.TryParse(track.Arguments[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int weight))
            {
                if (weight != 0 || !omitZeroWeight)
                {
                    o["Weight"] = weight;
                }

                if (i + 2 < track.Arguments.Count && track.Arguments[i + 2] == "reverse")
                {
                    _warnings.Add($"{track.Source}: {track.Keyword} weight {weight} reverse: 'reverse' not carried over (L7Gate has no reversed weights)");
                    i++;
                }

                i++;
            }
            else
            {
                _warnings.Add($"{track.Source}: {track.Keyword} {track.Arguments[i]}: not carried over");
            }
        }

        return o;
    }

    private void ImportNotify(KeepalivedStatement s, JsonObject notify)
    {
        var key = s.Keyword switch
        {
            "notify_master" => "Master",
            "notify_backup" => "Backup",
            "notify_fault" => "Fault",
            "notify_stop" => "Stop",
            _ => "Any",
        };
        var words = SplitCommand(string.Join(' ', s.Arguments));
        if (words.Count == 0)
        {
            Skip(s, "no script given");
            return;
        }

        notify[key] = words[0];
        if (words.Count > 1 || !words[0].StartsWith('/'))
        {
            _warnings.Add($"{s.Source}: {s.Keyword} \"{string.Join(' ', s.Arguments)}\": L7Gate runs notify scripts by absolute path without arguments: wrap the command in a script");
        }
    }

    private JsonObject ImportScript(KeepalivedStatement script)
    {
        var o = new JsonObject();
        foreach (var s in script.Block!)
        {
            switch (s.Keyword)
            {
                case "script":
                    var command = string.Join(' ', s.Arguments);
                    var words = SplitCommand(command);
                    if (words.Count > 0 && words[0].StartsWith('/') && !NeedsShell(command))
                    {
                        o["Path"] = words[0];
                        if (words.Count > 1)
                        {
                            o["Arguments"] = new JsonArray(words.Skip(1).Select(w => (JsonNode?)JsonValue.Create(w)).ToArray());
                        }
                    }
                    else
                    {
                        // keepalived looks bare names up in PATH and some configs use shell syntax: /bin/sh does both.
                        o["Path"] = "/bin/sh";
                        o["Arguments"] = new JsonArray("-c", command);
                        _warnings.Add($"{s.Source}: script \"{command}\": carried over as /bin/sh -c (it needs a PATH lookup or shell syntax); L7Gate itself runs no shell");
                    }

                    break;
                case "interval" when Number(s) is { } interval:
                    o["Interval"] = Span(TimeSpan.FromSeconds(interval));
                    break;
                case "timeout" when Number(s) is { } timeout:
                    o["Timeout"] = Span(TimeSpan.FromSeconds(timeout));
                    break;
                case "weight" when Int(s) is { } weight:
                    o["Weight"] = weight;
                    if (s.Arguments.Count > 1)
                    {
                        _warnings.Add($"{s.Source}: weight {string.Join(' ', s.Arguments)}: only the number is carried over");
                    }

                    break;
                case "rise" when Int(s) is { } rise:
                    o["Rise"] = rise;
                    break;
                case "fall" when Int(s) is { } fall:
                    o["Fall"] = fall;
                    break;
                case "init_fail":
                    o["InitFail"] = true;
                    break;
                case "user":
                    o["User"] = s.Value;
                    if (s.Arguments.Count > 1)
                    {
                        _warnings.Add($"{s.Source}: user {string.Join(' ', s.Arguments)}: the group is not carried over (the user's own group is used)");
                    }

                    break;
                default:
                    Skip(s);
                    break;
            }
        }

        return o;
    }

    private JsonObject ImportGroup(KeepalivedStatement group)
    {
        var o = new JsonObject();
        var notify = new JsonObject();
        foreach (var s in group.Block!)
        {
            switch (s.Keyword)
            {
                case "group" when s.Block is not null:
                    o["Instances"] = new JsonArray(s.Block.SelectMany(m => new[] { m.Keyword }.Concat(m.Arguments)).Select(m => (JsonNode?)JsonValue.Create(m)).ToArray());
                    break;
                case "notify_master" or "notify_backup" or "notify_fault" or "notify_stop" or "notify":
                    ImportNotify(s, notify);
                    break;
                case "track_script" or "track_interface":
                    Skip(s, "set it on every member instance instead");
                    break;
                default:
                    Skip(s);
                    break;
            }
        }

        if (notify.Count > 0)
        {
            o["Notify"] = notify;
        }

        return o;
    }

    private static bool NeedsShell(string command) => command.IndexOfAny(['<', '>', '|', '&', ';', '$', '`', '*', '?', '(', ')', '~']) >= 0;

    // keepalived splits a script line on blanks, honouring single quotes inside the (already unquoted) string.
    private static List<string> SplitCommand(string command)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in command)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private void WarnExtraWords(IReadOnlyList<KeepalivedStatement> block, string keyword)
    {
        foreach (var s in block.Where(s => s.Arguments.Count > 0))
        {
            _warnings.Add($"{s.Source}: {keyword} {s.Keyword} {string.Join(' ', s.Arguments)}: only the address is carried over");
        }
    }

    private void Skip(KeepalivedStatement s, string? why = null) =>
        _warnings.Add($"{s.Source}: {s.Keyword}: not carried over ({why ?? "no L7Gate equivalent"})");

    private int? Int(KeepalivedStatement s)
    {
        if (int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        Skip(s, $"'{s.Value}' is not a whole number");
        return null;
    }

    private double? Number(KeepalivedStatement s)
    {
        if (double.TryParse(s.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        Skip(s, $"'{s.Value}' is not a number");
        return null;
    }

    /// <summary>
    /// One of keepalived's gratuitous-ARP keys, per instance (<c>garp_master_*</c>) or as the global default
    /// (<c>vrrp_garp_master_*</c>, passed without its prefix), into a <c>Garp</c> object. A refresh of 0 is keepalived's "off".
    /// </summary>
    private static void ImportGarp(string keyword, int value, JsonObject garp)
    {
        switch (keyword)
        {
            case "garp_master_delay":
                garp["Delay"] = Seconds(value);
                break;
            case "garp_master_repeat":
                garp["Repeat"] = value;
                break;
            case "garp_master_refresh" when value > 0:
                garp["Refresh"] = Seconds(value);
                break;
            case "garp_master_refresh_repeat":
                garp["RefreshRepeat"] = value;
                break;
        }
    }

    private static string Seconds(int seconds) => Span(TimeSpan.FromSeconds(seconds));

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
