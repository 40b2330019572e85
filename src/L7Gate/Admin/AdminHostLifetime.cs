using Microsoft.Extensions.Hosting;

namespace L7Gate.Admin;

/// <summary>
/// Lifetime of the admin listener's inner host: it neither listens for SIGTERM/Ctrl+C nor logs start banners. The
/// outer host does both and stops this listener as one of its hosted services, so there is one shutdown sequence.
/// </summary>
internal sealed class AdminHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
