using System.Security.Cryptography;

namespace L7Gate.Proxy.Warmup;

/// <summary>
/// The per-process secret that marks warm-up traffic. A client cannot guess it (128 random bits, never logged), so
/// the marker headers give it no way around routing, metrics or destinations.
/// </summary>
public sealed class WarmupMarker
{
    /// <summary>Sent by the warm-up client: route this request normally, but to the loopback sink.</summary>
    public const string RequestHeader = "X-L7Gate-Warmup";

    /// <summary>Added on the way to the sink: answer at once, before routing's endpoint runs.</summary>
    public const string SinkHeader = "X-L7Gate-Warmup-Sink";

    /// <summary>The secret value of both headers.</summary>
    public string Value { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>True when <paramref name="header"/> carries the secret (constant time).</summary>
    public bool Matches(string? header) =>
        header is { Length: 32 } && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(header), System.Text.Encoding.ASCII.GetBytes(Value));
}
