using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace L7Gate.Network.Tests.Lab;

/// <summary>
/// A dedicated thread that has entered a network namespace (setns). A socket belongs to the namespace of
/// the thread that created it and netlink requests act on it, so work queued here — opening sockets,
/// adding addresses, reading links — happens "inside" the namespace, while the rest of the test (and the
/// async I/O on those sockets) runs anywhere.
/// </summary>
public sealed class NetnsThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NetnsThread(string netns)
    {
        Namespace = netns;
        _thread = new Thread(Run) { IsBackground = true, Name = "netns " + netns };
        _thread.Start();
        _entered.Task.GetAwaiter().GetResult();
    }

    /// <summary>The namespace the thread lives in.</summary>
    public string Namespace { get; }

    /// <summary>Runs <paramref name="work"/> on the namespace thread and returns its result.</summary>
    public T Invoke<T>(Func<T> work) => InvokeAsync(work).GetAwaiter().GetResult();

    /// <summary>
    /// Queues <paramref name="work"/> on the namespace thread without blocking the caller: what a client at a steady
    /// rate must use, since a blocked thread-pool thread per request starves the pool on a 2-core runner.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }

    private void Run()
    {
        try
        {
            using var handle = File.OpenHandle(Path.Combine("/run/netns", Namespace));
            if (NativeMethods.setns((int)handle.DangerousGetHandle(), NativeMethods.CLONE_NEWNET) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns({Namespace}) failed");
            }
        }
        catch (Exception ex)
        {
            _entered.SetException(ex);
            return;
        }

        _entered.SetResult();
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }
}
