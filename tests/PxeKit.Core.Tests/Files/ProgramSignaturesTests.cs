using System.Buffers.Binary;
using PxeKit.Core.Events;
using PxeKit.Core.Files;

namespace PxeKit.Core.Tests.Files;

public sealed class ProgramSignaturesTests
{
    /// <summary>The fixtures' copy of Debian's shimx64.efi.signed (shim-signed), built by `pxekit fixtures`.</summary>
    private const string SignedShim = "/var/cache/pxekit/fixtures/bios/shimx64.efi";

    private const string UnsignedIpxe = "/usr/lib/ipxe/ipxe.efi";

    [Fact]
    public void A_pe32_plus_program_with_a_pkcs7_certificate_is_signed()
    {
        var file = Program(tableOffset: 0x400, tableSize: 0x20, certificateType: 0x0002);
        Assert.Equal(ProgramSignature.Signed, ProgramSignatures.Of(file));
        Assert.Equal(ProgramSignature.Signed, ReadBack(file));
    }

    [Fact]
    public void An_empty_certificate_table_is_unsigned()
    {
        var file = Program(tableOffset: 0, tableSize: 0);
        Assert.Equal(ProgramSignature.Unsigned, ProgramSignatures.Of(file));
        Assert.Equal(ProgramSignature.Unsigned, ReadBack(file));
    }

    [Fact]
    public void A_pe32_program_reads_its_directory_at_the_pe32_offsets()
    {
        var file = Program(tableOffset: 0x400, tableSize: 0x20, certificateType: 0x0002, pe32Plus: false);
        Assert.Equal(ProgramSignature.Signed, ProgramSignatures.Of(file));
    }

    [Theory]
    [InlineData(0x400, 0x20, 0x0001)]    // WIN_CERT_TYPE_X509: not what Authenticode uses
    [InlineData(0x400, 0x4, 0x0002)]     // a table too short for WIN_CERTIFICATE's header
    [InlineData(0x7f0, 0x20, 0x0002)]    // a table that runs past the file's end
    public void A_certificate_table_that_is_no_usable_signature_is_said_so(int offset, int size, int type)
    {
        var file = Program(tableOffset: offset, tableSize: size, certificateType: (ushort)type);
        Assert.Equal(ProgramSignature.BadCertificateTable, ProgramSignatures.Of(file));
        Assert.Equal(ProgramSignature.BadCertificateTable, ReadBack(file));
    }

    [Fact]
    public void A_directory_with_four_entries_or_fewer_has_no_certificate_table()
    {
        var file = Program(tableOffset: 0x400, tableSize: 0x20, certificateType: 0x0002, directories: 4);
        Assert.Equal(ProgramSignature.Unsigned, ProgramSignatures.Of(file));
    }

    [Fact]
    public void Every_prefix_of_a_signed_program_is_read_without_throwing_and_never_as_signed_once_cut()
    {
        var file = Program(tableOffset: 0x400, tableSize: 0x20, certificateType: 0x0002);
        for (int length = 0; length < 0x420; length++)
        {
            // Cut before the table's end (0x400 + 0x20), the table runs past the file (or the headers are gone): never "signed".
            Assert.NotEqual(ProgramSignature.Signed, ProgramSignatures.Of(file.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Bytes_that_are_no_pe_program_are_not_pe_and_random_bytes_never_throw()
    {
        Assert.Equal(ProgramSignature.NotPe, ProgramSignatures.Of([]));
        Assert.Equal(ProgramSignature.NotPe, ProgramSignatures.Of([0xeb, 0x3c, 0x90]));
        var noPe = Program(0, 0);
        noPe[0x80] = (byte)'X';
        Assert.Equal(ProgramSignature.NotPe, ProgramSignatures.Of(noPe));
        var farPe = Program(0, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(farPe.AsSpan(0x3c), 0xfffffff0);
        Assert.Equal(ProgramSignature.NotPe, ProgramSignatures.Of(farPe));

        var random = new Random(16);
        var bytes = new byte[0x800];
        for (int i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            bytes[0] = (byte)'M';
            bytes[1] = (byte)'Z';
            bytes[0x3c] = (byte)random.Next(0, 0x100);
            bytes[0x3d] = (byte)random.Next(0, 8);
            bytes[0x3e] = 0;
            bytes[0x3f] = 0;
            _ = ProgramSignatures.Of(bytes);
        }
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_null()
    {
        Assert.Null(ProgramSignatures.Read("/nonexistent/pxekit-test"));
    }

    [HostFact(Root = false, Files = [SignedShim, UnsignedIpxe])]
    public void Debians_signed_shim_is_signed_and_debians_ipxe_efi_is_not()
    {
        Assert.Equal(ProgramSignature.Signed, ProgramSignatures.Read(SignedShim));
        Assert.Equal(ProgramSignature.Signed, ProgramSignatures.Of(File.ReadAllBytes(SignedShim)));
        Assert.Equal(ProgramSignature.Unsigned, ProgramSignatures.Read(UnsignedIpxe));

        // Truncated to its first 64 KiB, shim's table (at its end) is outside the file.
        var cut = Path.Combine(Path.GetTempPath(), $"pxekit-shim-cut-{Guid.NewGuid():N}.efi");
        try
        {
            File.WriteAllBytes(cut, File.ReadAllBytes(SignedShim).AsSpan(0, 65536).ToArray());
            Assert.Equal(ProgramSignature.BadCertificateTable, ProgramSignatures.Read(cut));
        }
        finally
        {
            File.Delete(cut);
        }
    }

    private static ProgramSignature? ReadBack(byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pxekit-pe-{Guid.NewGuid():N}.efi");
        try
        {
            File.WriteAllBytes(path, file);
            return ProgramSignatures.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A 2 KiB PE image: MZ, e_lfanew 0x80, the COFF header, an optional header, its data directories, and a certificate at the table's offset.</summary>
    private static byte[] Program(int tableOffset, int tableSize, ushort certificateType = 0x0002, bool pe32Plus = true, int directories = 16)
    {
        var file = new byte[0x800];
        file[0] = (byte)'M';
        file[1] = (byte)'Z';
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(0x3c), 0x80);          // e_lfanew
        "PE\0\0"u8.CopyTo(file.AsSpan(0x80));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x84), 0x8664);        // machine: x64
        int optional = 0x80 + 24;
        int directoriesAt = pe32Plus ? 112 : 96;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x80 + 20), (ushort)(directoriesAt + (directories * 8)));   // SizeOfOptionalHeader
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(optional), pe32Plus ? (ushort)0x20b : (ushort)0x10b);      // magic
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(optional + directoriesAt - 4), (uint)directories);          // NumberOfRvaAndSizes
        if (directories > 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(optional + directoriesAt + 32), (uint)tableOffset);     // entry 4: file offset
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(optional + directoriesAt + 36), (uint)tableSize);       // entry 4: size
        }

        if (tableSize > 0 && tableOffset + 8 <= file.Length)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(tableOffset), (uint)tableSize);    // dwLength
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(tableOffset + 4), 0x0200);         // wRevision
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(tableOffset + 6), certificateType); // wCertificateType
        }

        return file;
    }
}
