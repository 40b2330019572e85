namespace L7Gate.TestKit;

/// <summary>What a <see cref="TestBackend"/> answers a successful request with.</summary>
public enum BackendBody
{
    /// <summary>"name METHOD /path?query body=…": what arrived, for routing and forwarding assertions.</summary>
    Echo,

    /// <summary>Just the backend's name, for tests that only ask who answered.</summary>
    Name,
}
