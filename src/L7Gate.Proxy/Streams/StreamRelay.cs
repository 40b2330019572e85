using System.Buffers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace L7Gate.Proxy.Streams;

/// <summary>
/// Copies bytes both ways between a Kestrel connection and a backend socket, unchanged, until both directions are
/// done. Half-close goes both ways: the client's FIN becomes a FIN to the backend (which can still answer), and the
/// backend's FIN becomes a FIN to the client (which can still send; its bytes still reach the backend). A reset or a
/// failed write on either side closes both. No byte in either direction for IdleTimeout closes both; so does the end
/// of DrainTimeout after Kestrel asks the connection to close (planned stop).
/// </summary>
/// <remarks>
/// Backend-to-client bytes go straight to the client's socket (Kestrel's socket transport exposes it), not through
/// Kestrel's output pipe: completing that pipe makes Kestrel shut down and close the whole socket, so the pipe could
/// not pass on a FIN alone, and a FIN sent on the socket behind the pipe's back could overtake bytes still queued in
/// it. Kestrel's output is completed only when both directions are done. A transport without a socket falls back to
/// the output pipe, where the backend's FIN closes the client connection.
/// </remarks>
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
    private long _bytesIn;
    private long _bytesOut;
    private string? _closeReason;
    private int _abortedFlag;

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

    /// <summary>Bytes relayed from the client to the backend.</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes relayed from the backend to the client.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Relays until both directions are closed; returns why it ended (a <see cref="StreamEndReason"/>).</summary>
    public async Task<string> RunAsync()
    {
        _lastActivity = _time.GetTimestamp();
        _idleTimer = _time.CreateTimer(_ => CheckIdle(), null, _idleTimeout, Timeout.InfiniteTimeSpan);
        using var drainRegistration = _client.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(() => _drainTimer = _time.CreateTimer(_ => Abort(StreamEndReason.DrainTimeout), null, _drainTimeout, Timeout.InfiniteTimeSpan));
        // Not ConnectionClosed: Kestrel's socket transport fires it on the client's FIN, which is only half a close here.

        var toBackend = ClientToBackendAsync();
        if (_client.Features.Get<IConnectionSocketFeature>()?.Socket is { } clientSocket)
        {
            await BackendToSocketAsync(clientSocket).ConfigureAwait(false);
            await toBackend.ConfigureAwait(false);
            await _client.Transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        else
        {
            await BackendToPipeAsync().ConfigureAwait(false);
            // The backend is done (or failed) and the pipe has closed the client: what it still sends has nowhere to go.
            _client.Transport.Input.CancelPendingRead();
            await toBackend.ConfigureAwait(false);
        }

        return Volatile.Read(ref _closeReason) ?? StreamEndReason.ClientClosed;
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
        while (true)
        {
            System.IO.Pipelines.ReadResult result;
            try
            {
                result = await input.ReadAsync(_aborted.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConnectionEnd(ex))
            {
                Abort(StreamEndReason.ClientReset);
                return;
            }

            if (result.IsCanceled)
            {
                return;
            }

            var buffer = result.Buffer;
            try
            {
                foreach (var segment in buffer)
                {
                    await _backend.SendAsync(segment, SocketFlags.None, _aborted.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (IsConnectionEnd(ex))
            {
                // A backend that closed completely (not just its sending side) answers more bytes with a reset.
                Abort(StreamEndReason.BackendReset);
                return;
            }

            if (!buffer.IsEmpty)
            {
                _metrics.BytesIn(_tags, buffer.Length);
                Interlocked.Add(ref _bytesIn, buffer.Length);
                Touch();
            }

            input.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                // Client FIN: pass it on; the backend may still answer.
                SetReason(StreamEndReason.ClientClosed);
                try
                {
                    _backend.Shutdown(SocketShutdown.Send);
                }
                catch (Exception ex) when (IsConnectionEnd(ex))
                {
                    Abort(StreamEndReason.BackendReset);
                }

                return;
            }
        }
    }

    private async Task BackendToSocketAsync(Socket client)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await _backend.ReceiveAsync(buffer, SocketFlags.None, _aborted.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsConnectionEnd(ex))
                {
                    Abort(StreamEndReason.BackendReset);
                    return;
                }

                if (read == 0)
                {
                    // Backend FIN: pass it on; the client may still send, and what it sends still reaches the backend.
                    SetReason(StreamEndReason.BackendClosed);
                    try
                    {
                        client.Shutdown(SocketShutdown.Send);
                    }
                    catch (Exception ex) when (IsConnectionEnd(ex))
                    {
                        Abort(StreamEndReason.ClientReset);
                    }

                    return;
                }

                try
                {
                    await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _aborted.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsConnectionEnd(ex))
                {
                    Abort(StreamEndReason.ClientReset);
                    return;
                }

                _metrics.BytesOut(_tags, read);
                Interlocked.Add(ref _bytesOut, read);
                Touch();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task BackendToPipeAsync()
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
                    SetReason(StreamEndReason.BackendClosed);
                    break;
                }

                output.Advance(read);
                _metrics.BytesOut(_tags, read);
                Interlocked.Add(ref _bytesOut, read);
                Touch();
                var flush = await output.FlushAsync(_aborted.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    SetReason(StreamEndReason.ClientClosed);
                    break;
                }
            }
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            Abort(StreamEndReason.BackendReset);
        }

        await output.CompleteAsync().ConfigureAwait(false);
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    private void CheckIdle()
    {
        var idle = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (idle >= _idleTimeout)
        {
            Abort(StreamEndReason.IdleTimeout);
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
        // The first abort names the end (it overrides a half-close before it: a half-closed connection that then
        // times out or is reset ended by that); the other direction failing because of this abort is no new reason.
        if (Interlocked.Exchange(ref _abortedFlag, 1) != 0)
        {
            return;
        }

        Volatile.Write(ref _closeReason, reason);
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

    private void SetReason(string reason) => Interlocked.CompareExchange(ref _closeReason, reason, null);

    private static bool IsConnectionEnd(Exception ex) =>
        ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException or ConnectionResetException or ConnectionAbortedException
            or InvalidOperationException;
}
