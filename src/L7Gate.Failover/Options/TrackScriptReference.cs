namespace L7Gate.Failover.Options;

/// <summary>An instance's use of a <see cref="TrackScriptOptions"/> (keepalived <c>track_script { chk_x weight -20 }</c>).</summary>
public sealed class TrackScriptReference
{
    /// <summary>The script's name under <c>Failover:TrackScripts</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>−253–253, overrides the script's Weight for this instance; null = the script's.</summary>
    public int? Weight { get; set; }
}
