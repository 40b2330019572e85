namespace L7Gate.TestKit;

/// <summary>The admin API key the test configs carry.</summary>
public static class TestApiKey
{
    /// <summary>The key; long enough for the admin key rules.</summary>
    public const string Value = "test-admin-key-0123456789";
}
