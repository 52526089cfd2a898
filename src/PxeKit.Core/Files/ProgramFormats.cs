using System.Buffers.Binary;
using PxeKit.Core.Events;

namespace PxeKit.Core.Files;

/// <summary>
/// Tells what kind of boot program a file is from its first bytes: the one decoder of program headers, used
/// by the server on the files it sends, by trace on the first DATA block or HTTP body it sees, and by doctor.
/// </summary>
public static class ProgramFormats
{
    /// <summary>How many leading bytes <see cref="Of(ReadOnlySpan{byte})"/> needs to be sure.</summary>
    public const int HeadLength = 512;

    /// <summary>The format of the file at <paramref name="path"/>; null when it cannot be read.</summary>
    public static ProgramFormat? Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[HeadLength];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return Of(head.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// An EFI program is an MZ header pointing at a PE header whose machine field names the CPU (PE/COFF
    /// specification 3.3.1); anything else is not one.
    /// </summary>
    public static ProgramFormat Of(ReadOnlySpan<byte> head)
    {
        if (head.Length < 0x40 || head[0] != (byte)'M' || head[1] != (byte)'Z')
        {
            return ProgramFormat.NotEfi;
        }

        int pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3c..]);
        if (pe < 0 || pe + 6 > head.Length || !head.Slice(pe, 4).SequenceEqual("PE\0\0"u8))
        {
            return ProgramFormat.NotEfi;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 4)..]) switch
        {
            0x8664 => ProgramFormat.EfiX64,
            0xaa64 => ProgramFormat.EfiArm64,
            0x014c => ProgramFormat.EfiIa32,
            0x01c4 => ProgramFormat.EfiArm,
            _ => ProgramFormat.EfiOther,
        };
    }

    /// <summary>The format in words, for sentences.</summary>
    public static string Describe(ProgramFormat format) => format switch
    {
        ProgramFormat.EfiX64 => "PE32+ x64",
        ProgramFormat.EfiArm64 => "PE32+ arm64",
        ProgramFormat.EfiIa32 => "PE32 ia32",
        ProgramFormat.EfiArm => "PE32 arm",
        ProgramFormat.EfiOther => "a PE program for another machine",
        _ => "not an EFI program (a BIOS boot program or data)",
    };
}
