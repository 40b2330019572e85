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

    /// <summary>Never answers: waits until the proxy gives up and aborts the request (a hung backend path).</summary>
    Hang,

    /// <summary>200 with a JSON body naming the raw request target and every header the backend received.</summary>
    Echo,

    /// <summary>200 with <see cref="TestBackend.StreamBytes"/> bytes written in 64 KB chunks, as fast as the proxy takes them.</summary>
    Stream,
}
