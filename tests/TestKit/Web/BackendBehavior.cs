namespace L7Gate.TestKit;

/// <summary>How a <see cref="TestBackend"/> answers proxied requests.</summary>
public enum BackendBehavior
{
    /// <summary>200 after reading the whole request body; the body is <see cref="TestBackend.Body"/>'s choice.</summary>
    Ok,

    /// <summary>Reads the request body, then aborts the connection without a response (TCP reset).</summary>
    Reset,

    /// <summary>Answers <see cref="TestBackend.FailureStatus"/> with a body naming the backend.</summary>
    Status,
}
