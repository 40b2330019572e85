namespace L7Gate.Limits;

/// <summary><c>Kestrel:Limits:MinResponseDataRate</c>, Kestrel's <c>MinDataRate</c> as config keys.</summary>
public sealed class MinResponseDataRateOptions
{
    /// <summary>Bytes per second the client must read, averaged over a write; 0 turns the limit off.</summary>
    public double BytesPerSecond { get; set; } = KestrelLimitsOptions.DefaultMinResponseBytesPerSecond;

    /// <summary>Time allowed before the rate is enforced; more than 1 s (Kestrel's heartbeat).</summary>
    public TimeSpan GracePeriod { get; set; } = KestrelLimitsOptions.DefaultMinResponseGracePeriod;
}
