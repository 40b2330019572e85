using System.ComponentModel;
using System.Runtime.InteropServices;
using static L7Gate.Failover.Network.Linux.Netlink.NetlinkConstants;

namespace L7Gate.Failover.Network.Linux.Netlink;

/// <summary>
/// One short-lived AF_NETLINK/NETLINK_ROUTE socket: send a request, read the kernel's acknowledgement
/// or dump. The kernel answers synchronously, so a blocking socket with a receive timeout is enough and
/// keeps the code free of async plumbing; a socket per operation keeps it thread-safe.
/// </summary>
internal sealed class NetlinkRouteSocket : IDisposable
{
    private const int ReceiveBufferLength = 64 * 1024;
    private static int s_sequence;
    private readonly int _fd;

    public NetlinkRouteSocket()
    {
        _fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
        if (_fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "rtnetlink: socket(AF_NETLINK) failed");
        }

        SetTimeout(LibC.SO_RCVTIMEO);
        SetTimeout(LibC.SO_SNDTIMEO);
    }

    /// <summary>A fresh sequence number; the reply carries it back.</summary>
    public static uint NextSequence() => (uint)Interlocked.Increment(ref s_sequence);

    /// <summary>Send a request flagged NLM_F_ACK and return the kernel's verdict: 0 or a positive errno.</summary>
    public int Execute(ReadOnlySpan<byte> request, uint sequence)
    {
        Send(request);
        var buffer = new byte[ReceiveBufferLength];
        while (true)
        {
            var length = Receive(buffer);
            foreach (var message in NetlinkMessage.Split(buffer.AsSpan(0, length)))
            {
                if (message.Sequence == sequence && message.Type == NLMSG_ERROR)
                {
                    // struct nlmsgerr: int error (negative errno, 0 = ack), then the request's header.
                    return -MemoryMarshal.Read<int>(message.Payload);
                }
            }
        }
    }

    /// <summary>Send a request expecting one reply of <paramref name="replyType"/>; returns 0 with its payload, or a positive errno.</summary>
    public int Query(ReadOnlySpan<byte> request, uint sequence, ushort replyType, out byte[]? reply)
    {
        Send(request);
        var buffer = new byte[ReceiveBufferLength];
        while (true)
        {
            var length = Receive(buffer);
            foreach (var message in NetlinkMessage.Split(buffer.AsSpan(0, length)))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                if (message.Type == NLMSG_ERROR)
                {
                    reply = null;
                    var errno = -MemoryMarshal.Read<int>(message.Payload);
                    return errno == 0 ? ENODATA : errno;
                }

                if (message.Type == replyType)
                {
                    reply = message.Payload.ToArray();
                    return 0;
                }
            }
        }
    }

    /// <summary>Send an NLM_F_DUMP request and hand every reply message to <paramref name="onMessage"/> until NLMSG_DONE.</summary>
    public void Dump(ReadOnlySpan<byte> request, uint sequence, NetlinkMessageHandler onMessage)
    {
        Send(request);
        var buffer = new byte[ReceiveBufferLength];
        while (true)
        {
            var length = Receive(buffer);
            foreach (var message in NetlinkMessage.Split(buffer.AsSpan(0, length)))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                if (message.Type == NLMSG_DONE)
                {
                    return;
                }

                if (message.Type == NLMSG_ERROR)
                {
                    var errno = -MemoryMarshal.Read<int>(message.Payload);
                    throw new Win32Exception(errno, $"rtnetlink: dump failed (errno {errno})");
                }

                onMessage(message);
            }
        }
    }

    public void Dispose() => LibC.close(_fd);

    private unsafe void Send(ReadOnlySpan<byte> request)
    {
        fixed (byte* p = request)
        {
            if (LibC.send(_fd, p, request.Length, 0) != request.Length)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "rtnetlink: send failed");
            }
        }
    }

    private unsafe int Receive(byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            var received = LibC.recv(_fd, p, buffer.Length, 0);
            if (received < 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "rtnetlink: no answer from the kernel");
            }

            return (int)received;
        }
    }

    private unsafe void SetTimeout(int option)
    {
        // struct timeval { long tv_sec; long tv_usec; }: the kernel answers in microseconds, a second is generous.
        var timeval = stackalloc long[2] { 1, 0 };
        LibC.setsockopt(_fd, LibC.SOL_SOCKET, option, timeval, (uint)(2 * sizeof(long)));
    }
}

/// <summary>Receives one message of a netlink dump.</summary>
internal delegate void NetlinkMessageHandler(NetlinkMessage message);
