using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using PxeKit.Core.Events;

namespace PxeKit.Core.Files;

/// <summary>
/// Reads a PE program's certificate table (the optional header's data directory entry 4,
/// IMAGE_DIRECTORY_ENTRY_SECURITY; PE/COFF specification 3.4.3 and 4.7): the one reader of Authenticode
/// signatures, used by doctor on the profiles' boot files and by the server on the files it sends. It says
/// whether a signature is there, never whether it is trusted. Never throws on bad input.
/// </summary>
public static class ProgramSignatures
{
    /// <summary>How many leading bytes hold the headers it reads (a PE header further in is not an EFI program's).</summary>
    public const int HeadLength = 4096;

    /// <summary>The size of a WIN_CERTIFICATE header: dwLength (4), wRevision (2), wCertificateType (2).</summary>
    public const int CertificateHeaderLength = 8;

    private const ushort Pe32Magic = 0x10b;
    private const ushort Pe32PlusMagic = 0x20b;
    private const int CoffHeaderLength = 20;
    private const int SecurityDirectory = 4;
    private const ushort CertificateRevision = 0x0200;
    private const ushort PkcsSignedData = 0x0002;

    /// <summary>The signature state of the file at <paramref name="path"/>; null when it cannot be read.</summary>
    public static ProgramSignature? Read(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            return Read(handle, RandomAccess.GetLength(handle));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The signature state of the open regular file <paramref name="handle"/> of <paramref name="length"/> bytes, read with
    /// positional reads (a transfer reading the same handle is not disturbed). Throws only what reading the file throws.
    /// </summary>
    public static ProgramSignature Read(SafeFileHandle handle, long length)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var head = new byte[(int)Math.Min(length, HeadLength)];
        int read = ReadAt(handle, head, 0);
        var table = CertificateTable(head.AsSpan(0, read));
        if (table is null)
        {
            return ProgramSignature.NotPe;
        }

        var (offset, size) = table.Value;
        if (size == 0)
        {
            return ProgramSignature.Unsigned;
        }

        if (offset + size > length || size < CertificateHeaderLength)
        {
            return ProgramSignature.BadCertificateTable;
        }

        var certificate = new byte[CertificateHeaderLength];
        return ReadAt(handle, certificate, offset) == certificate.Length ? Certificate(certificate, size) : ProgramSignature.BadCertificateTable;
    }

    /// <summary>
    /// The signature state of a whole file held in memory (a rendered or received program): the headers, then the
    /// certificate table's first WIN_CERTIFICATE.
    /// </summary>
    public static ProgramSignature Of(ReadOnlySpan<byte> file)
    {
        var table = CertificateTable(file[..Math.Min(file.Length, HeadLength)]);
        if (table is null)
        {
            return ProgramSignature.NotPe;
        }

        var (offset, size) = table.Value;
        if (size == 0)
        {
            return ProgramSignature.Unsigned;
        }

        return offset + size > file.Length || size < CertificateHeaderLength
            ? ProgramSignature.BadCertificateTable
            : Certificate(file.Slice((int)offset, CertificateHeaderLength), size);
    }

    /// <summary>The state in words, for sentences.</summary>
    public static string Describe(ProgramSignature signature) => signature switch
    {
        ProgramSignature.Signed => "signed (an Authenticode certificate table)",
        ProgramSignature.Unsigned => "unsigned (its certificate table is empty)",
        ProgramSignature.BadCertificateTable => "unsigned (its certificate table is not a usable signature)",
        _ => "not a PE program",
    };

    /// <summary>
    /// The certificate table's file offset and size from the headers in <paramref name="head"/>; null when they are not
    /// a PE program's (no MZ, no PE signature where e_lfanew points, an unknown optional header magic, or a directory
    /// too short to have entry 4). A program without entry 4 has an empty table, as the loader reads it.
    /// </summary>
    internal static (long Offset, long Size)? CertificateTable(ReadOnlySpan<byte> head)
    {
        if (head.Length < 0x40 || head[0] != (byte)'M' || head[1] != (byte)'Z')
        {
            return null;
        }

        long pe = BinaryPrimitives.ReadUInt32LittleEndian(head[0x3c..]);
        long optional = pe + 4 + CoffHeaderLength;
        if (optional + 2 > head.Length || !head.Slice((int)pe, 4).SequenceEqual("PE\0\0"u8))
        {
            return null;
        }

        int optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(head[(int)(pe + 4 + 16)..]);
        var (countAt, directoriesAt) = BinaryPrimitives.ReadUInt16LittleEndian(head[(int)optional..]) switch
        {
            Pe32Magic => (92, 96),
            Pe32PlusMagic => (108, 112),
            _ => (-1, -1),
        };
        if (countAt < 0 || optional + countAt + 4 > head.Length || optionalSize < countAt + 4)
        {
            return null;
        }

        long count = BinaryPrimitives.ReadUInt32LittleEndian(head[(int)(optional + countAt)..]);
        long entry = optional + directoriesAt + (SecurityDirectory * 8);
        if (count <= SecurityDirectory || optionalSize < directoriesAt + ((SecurityDirectory + 1) * 8))
        {
            return (0, 0);
        }

        if (entry + 8 > head.Length)
        {
            return null;
        }

        // The security entry's "virtual address" is a file offset: the table is not mapped into memory.
        return (BinaryPrimitives.ReadUInt32LittleEndian(head[(int)entry..]), BinaryPrimitives.ReadUInt32LittleEndian(head[(int)(entry + 4)..]));
    }

    private static int ReadAt(SafeFileHandle handle, byte[] buffer, long offset)
    {
        int filled = 0;
        int read;
        while (filled < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(filled), offset + filled)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private static ProgramSignature Certificate(ReadOnlySpan<byte> header, long tableSize)
    {
        long length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var revision = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        return length >= CertificateHeaderLength && length <= tableSize && revision == CertificateRevision && type == PkcsSignedData
            ? ProgramSignature.Signed
            : ProgramSignature.BadCertificateTable;
    }
}
