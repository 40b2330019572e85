using System.Buffers;

namespace L7Gate.Proxy.AccessLog;

/// <summary>Turns one entry into one line (without the newline). Used by the single writer thread only.</summary>
internal interface IAccessLogFormatter
{
    void Write(AccessLogEntry entry, IBufferWriter<byte> output);
}
