using System.Runtime.InteropServices;

namespace L7Gate.Network.Tests.Lab;

/// <summary>libc calls the lab needs: enter a namespace from one thread, signal a process.</summary>
internal static partial class NativeMethods
{
    /// <summary>A raw IPv4 socket for a protocol .NET has no name for (112), adopted by <see cref="System.Net.Sockets.Socket"/>.</summary>
    public static System.Net.Sockets.Socket RawIPv4Socket(int protocol)
    {
        var fd = socket(AF_INET, SOCK_RAW, protocol);
        if (fd < 0)
        {
            throw new System.Net.Sockets.SocketException(Marshal.GetLastPInvokeError());
        }

        return new System.Net.Sockets.Socket(new System.Net.Sockets.SafeSocketHandle(fd, ownsHandle: true));
    }

    public const int CLONE_NEWNET = 0x40000000;
    public const int AF_INET = 2;
    public const int SOCK_RAW = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);
}
