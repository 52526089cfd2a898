using System.Buffers.Binary;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What kind of boot program a file is, told by its first bytes.</summary>
public static class BootFileFormat
{
    /// <summary>
    /// "PE32+ x64", "PE32+ arm64", "PE32 ia32" (UEFI programs: an MZ header pointing at a PE header whose
    /// machine field names the CPU, PE/COFF specification 3.3.1), or "not an EFI program (a BIOS boot
    /// program or data)"; null when the file cannot be read.
    /// </summary>
    public static string? Describe(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[512];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return Describe(head.AsSpan(0, read));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.Length < 0x40 || head[0] != (byte)'M' || head[1] != (byte)'Z')
        {
            return NotEfi;
        }

        int pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3c..]);
        if (pe < 0 || pe + 6 > head.Length || !head.Slice(pe, 4).SequenceEqual("PE\0\0"u8))
        {
            return NotEfi;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 4)..]) switch
        {
            0x8664 => "PE32+ x64",
            0xaa64 => "PE32+ arm64",
            0x014c => "PE32 ia32",
            0x01c4 => "PE32 arm",
            var machine => $"PE (machine 0x{machine:x4})",
        };
    }

    public const string NotEfi = "not an EFI program (a BIOS boot program or data)";
}
