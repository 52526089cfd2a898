using System.Runtime.InteropServices;

namespace PxeKit.Core.Interop;

/// <summary>
/// The one libpcap call SharpPcap does not wrap: <c>pcap_file</c>, the stdio stream a capture file is read
/// from, so that a read error can be told to be the end of the file (a record cut short) or damage before it.
/// libpcap is loaded by its soname (Debian's libpcap0.8 ships only <c>libpcap.so.0.8</c>, others <c>libpcap.so.1</c>).
/// </summary>
internal static unsafe class LibPcap
{
    private static readonly string[] Names = ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"];
    private static readonly delegate* unmanaged<IntPtr, IntPtr> PcapFile = Load();

    /// <summary>
    /// Whether libpcap's reads of the capture file behind <paramref name="pcap"/> (a <c>pcap_t</c>) reached its
    /// end; null when that cannot be told (no libpcap with <c>pcap_file</c>, or not a file capture).
    /// </summary>
    public static bool? ReachedEndOfFile(SafeHandle pcap)
    {
        ArgumentNullException.ThrowIfNull(pcap);
        if (PcapFile == null || pcap.IsInvalid || pcap.IsClosed)
        {
            return null;
        }

        bool added = false;
        try
        {
            pcap.DangerousAddRef(ref added);
            var stream = PcapFile(pcap.DangerousGetHandle());
            return stream == IntPtr.Zero ? null : LibC.EndOfFile(stream) != 0;
        }
        finally
        {
            if (added)
            {
                pcap.DangerousRelease();
            }
        }
    }

    private static delegate* unmanaged<IntPtr, IntPtr> Load()
    {
        foreach (var name in Names)
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "pcap_file", out var export))
            {
                return (delegate* unmanaged<IntPtr, IntPtr>)export;
            }
        }

        return null;
    }
}
