using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Languages;

/// <summary>
/// At equal Order and path precedence, a route with Languages ranks ahead of one without, as YARP
/// ranks header-matched routes: the more constrained route is tried first.
/// </summary>
internal sealed class LanguageMetadataComparer : EndpointMetadataComparer<LanguageRouteMetadata>
{
}
