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

    /// <summary>Never answers: waits until the proxy gives up and aborts the request (a hung backend path).</summary>
    Hang,

    /// <summary>200 with a JSON body naming the raw request target and every header the backend received.</summary>
    Echo,
}
