using Microsoft.AspNetCore.Routing.Matching;

namespace L7Gate.Proxy.Routing.Browsers;

/// <summary>At equal Order and path precedence, a route with Browsers ranks ahead of one without.</summary>
internal sealed class BrowserMetadataComparer : EndpointMetadataComparer<BrowserRouteMetadata>
{
}
