namespace L7Gate.Proxy.Tests.Infrastructure;

/// <summary>How a <see cref="TestBackend"/> answers proxied requests.</summary>
public enum BackendBehavior
{
    /// <summary>200 with the backend's name (after reading the whole request body).</summary>
    Ok,

    /// <summary>Reads the request body, then aborts the connection without a response (TCP reset).</summary>
    Reset,

    /// <summary>Answers <see cref="TestBackend.FailureStatus"/> with a body naming the backend.</summary>
    Status,
}
