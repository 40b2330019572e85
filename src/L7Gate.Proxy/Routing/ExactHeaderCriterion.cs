namespace L7Gate.Proxy.Routing;

/// <summary>
/// One YARP <c>Match.Headers</c> entry in <c>ExactHeader</c> mode: the request header <see cref="Name"/> must
/// carry one of <see cref="Values"/>. Case sensitivity is left to YARP's own check, which still runs on the few
/// candidates the DFA keeps; the DFA compares case-insensitively, so it keeps a superset.
/// </summary>
/// <param name="Name">Header name.</param>
/// <param name="Values">Accepted values (any of).</param>
internal sealed record ExactHeaderCriterion(string Name, string[] Values);
