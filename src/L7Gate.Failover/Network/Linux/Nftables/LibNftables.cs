using System.Runtime.InteropServices;

namespace L7Gate.Failover.Network.Linux.Nftables;

/// <summary>
/// nftables in-process through libnftables (Debian's libnftables1), the library behind the <c>nft</c> command: a
/// ruleset in nft's own syntax is applied as one atomic transaction, with nft's error text on failure.
/// </summary>
internal static partial class LibNftables
{
    private const string Library = "libnftables.so.1";

    private static readonly Lazy<bool> Loadable = new(() =>
    {
        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    });

    /// <summary>Whether libnftables can be loaded here.</summary>
    public static bool IsAvailable => Loadable.Value;

    /// <summary>Applies <paramref name="commands"/> (nft syntax, several lines) atomically; throws with nft's message on failure.</summary>
    public static void Run(string commands)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException($"{Library} is not installed (Debian/Ubuntu package libnftables1)");
        }

        var context = NewContext(0);
        if (context == IntPtr.Zero)
        {
            throw new InvalidOperationException("nft_ctx_new failed");
        }

        try
        {
            _ = BufferOutput(context);
            _ = BufferError(context);
            if (RunFromBuffer(context, commands) != 0)
            {
                var error = Marshal.PtrToStringUTF8(GetErrorBuffer(context))?.Trim();
                throw new InvalidOperationException(string.IsNullOrEmpty(error) ? "nft rejected the ruleset" : $"nft: {error}");
            }
        }
        finally
        {
            FreeContext(context);
        }
    }

    [LibraryImport(Library, EntryPoint = "nft_ctx_new")]
    private static partial IntPtr NewContext(uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_free")]
    private static partial void FreeContext(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_output")]
    private static partial int BufferOutput(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_error")]
    private static partial int BufferError(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_error_buffer")]
    private static partial IntPtr GetErrorBuffer(IntPtr context);

    [LibraryImport(Library, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RunFromBuffer(IntPtr context, string buffer);
}
