using System.Runtime.InteropServices;

namespace L7Gate.Failover.Network.Linux;

/// <summary>
/// Per-thread nice on Linux: threads are tasks with their own id, and <c>setpriority(PRIO_PROCESS, tid, nice)</c>
/// sets just that task's. A negative value needs root or CAP_SYS_NICE.
/// </summary>
internal sealed partial class LinuxThreadScheduling : IThreadScheduling
{
    private const int PrioProcess = 0;

    public bool TrySetCurrentThreadNice(int nice, out string? error)
    {
        try
        {
            if (SetPriority(PrioProcess, (uint)GetTid(), nice) == 0)
            {
                error = null;
                return true;
            }

            error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
            return false;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            error = ex.Message;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int prio);
}
