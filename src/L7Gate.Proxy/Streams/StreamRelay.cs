using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace L7Gate.Proxy.Streams;

/// <summary>
/// Copies bytes both ways between a Kestrel connection and a backend socket, unchanged, until both directions are
/// done. The client's FIN becomes a FIN to the backend (the backend can still answer: half-close); the backend's FIN
/// completes Kestrel's output, which flushes and closes the client's socket. No byte in either direction for
/// IdleTimeout closes both; so does the end of DrainTimeout after Kestrel asks the connection to close (planned stop).
/// </summary>
internal sealed class StreamRelay : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly ConnectionContext _client;
    private readonly Socket _backend;
    private readonly StreamMetrics _metrics;
    private readonly StreamTags _tags;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _drainTimeout;
    private readonly CancellationTokenSource _aborted = new();
    private ITimer? _idleTimer;
    private ITimer? _drainTimer;
    private long _lastActivity;
    private string _closeReason = "closed";

    public StreamRelay(ConnectionContext client, Socket backend, StreamMetrics metrics, StreamTags tags, TimeProvider time, TimeSpan idleTimeout, TimeSpan drainTimeout)
    {
        _client = client;
        _backend = backend;
        _metrics = metrics;
        _tags = tags;
        _time = time;
        _idleTimeout = idleTimeout;
        _drainTimeout = drainTimeout;
    }

    /// <summary>Relays until both directions are closed; returns why it ended.</summary>
    public async Task<string> RunAsync()
    {
        _lastActivity = _time.GetTimestamp();
        _idleTimer = _time.CreateTimer(_ => CheckIdle(), null, _idleTimeout, Timeout.InfiniteTimeSpan);
        using var drainRegistration = _client.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(() => _drainTimer = _time.CreateTimer(_ => Abort("drain timeout"), null, _drainTimeout, Timeout.InfiniteTimeSpan));
        // Not ConnectionClosed: Kestrel's socket transport fires it on the client's FIN, which is only half a close here.

        var toBackend = ClientToBackendAsync();
        var toClient = BackendToClientAsync();
        await toClient.ConfigureAwait(false);

        // The backend is done (or failed): what the client still sends has nowhere to go.
        _client.Transport.Input.CancelPendingRead();
        await toBackend.ConfigureAwait(false);
        return _closeReason;
    }

    public void Dispose()
    {
        _idleTimer?.Dispose();
        _drainTimer?.Dispose();
        _aborted.Dispose();
    }

    private async Task ClientToBackendAsync()
    {
        var input = _client.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_aborted.Token).ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await _backend.SendAsync(segment, SocketFlags.None, _aborted.Token).ConfigureAwait(false);
                }

                if (!buffer.IsEmpty)
                {
                    _metrics.BytesIn(_tags, buffer.Length);
                    Touch();
                }

                input.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    // Client FIN: pass it on; the backend may still answer.
                    _backend.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            Abort("client reset");
        }
    }

    private async Task BackendToClientAsync()
    {
        var output = _client.Transport.Output;
        try
        {
            while (true)
            {
                var memory = output.GetMemory(ReceiveBufferSize);
                var read = await _backend.ReceiveAsync(memory, SocketFlags.None, _aborted.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    SetReason("backend closed");
                    break;
                }

                output.Advance(read);
                _metrics.BytesOut(_tags, read);
                Touch();
                var flush = await output.FlushAsync(_aborted.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    SetReason("client closed");
                    break;
                }
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            Abort("backend reset");
        }

        await output.CompleteAsync().ConfigureAwait(false);
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    private void CheckIdle()
    {
        var idle = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (idle >= _idleTimeout)
        {
            Abort("idle timeout");
            return;
        }

        try
        {
            _idleTimer?.Change(_idleTimeout - idle, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Abort(string reason)
    {
        SetReason(reason);
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        _backend.Dispose();
        _client.Abort(new ConnectionAbortedException(reason));
    }

    private void SetReason(string reason) => Interlocked.CompareExchange(ref _closeReason, reason, "closed");

    private static bool IsConnectionEnd(Exception ex) =>
        ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException or ConnectionResetException or ConnectionAbortedException
            or InvalidOperationException;
}
