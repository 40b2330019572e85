namespace L7Gate.Admin;

/// <summary>Values of the <c>reason</c> tag of <c>l7gate.admin.requests.rejected</c>.</summary>
public static class AdminRejectReason
{
    /// <summary>No <c>Authorization: Bearer</c> header where one is needed.</summary>
    public const string MissingCredentials = "missing_credentials";

    /// <summary>A bearer key that is not the configured one, or another auth scheme.</summary>
    public const string InvalidCredentials = "invalid_credentials";

    /// <summary>A mutating request while <c>Admin:ApiKey</c> is unset.</summary>
    public const string KeyNotConfigured = "key_not_configured";

    /// <summary>A posted config that does not validate.</summary>
    public const string InvalidConfig = "invalid_config";

    /// <summary>A request body that is too large or unreadable.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>A cluster, destination or failover instance that does not exist.</summary>
    public const string UnknownTarget = "unknown_target";

    /// <summary>A config that validated but could not be written or applied.</summary>
    public const string ApplyFailed = "apply_failed";
}
