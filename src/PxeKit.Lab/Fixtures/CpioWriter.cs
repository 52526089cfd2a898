using System.Globalization;
using System.Text;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Writes a cpio archive in the SVR4 "newc" format (magic 070701), the format the Linux kernel unpacks as
/// an initramfs. Entries are streamed out as they are added; <see cref="Finish"/> writes the trailer. The
/// archive describes its entries instead of copying a tree from disk, so it can hold device nodes and
/// root-owned files without root privileges.
/// </summary>
/// <remarks>
/// Layout of each entry: a 110-byte ASCII header (<c>070701</c> then 13 eight-digit hex fields: ino, mode,
/// uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the name
/// with its NUL, padding to a multiple of 4, the data, padding to a multiple of 4. The archive ends with
/// an entry named <c>TRAILER!!!</c>.
/// </remarks>
public sealed class CpioWriter
{
    private const string Magic = "070701";
    private const string TrailerName = "TRAILER!!!";
    private const int Alignment = 4;
    private const uint TypeDirectory = 0x4000;   // S_IFDIR  0040000
    private const uint TypeCharacter = 0x2000;   // S_IFCHR  0020000
    private const uint TypeRegular = 0x8000;     // S_IFREG  0100000
    private const uint TypeSymlink = 0xA000;     // S_IFLNK  0120000

    private readonly Stream _output;
    private readonly uint _modificationTime;
    private uint _nextInode = 1;
    private bool _finished;

    /// <param name="output">Where the archive goes; not disposed by the writer.</param>
    /// <param name="modificationTime">The mtime of every entry; the epoch by default, so archives are reproducible.</param>
    public CpioWriter(Stream output, DateTimeOffset? modificationTime = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _modificationTime = (uint)(modificationTime ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds();
    }

    public void AddDirectory(string path, UnixFileMode permissions = Permissions.Directory) =>
        WriteEntry(path, TypeDirectory | (uint)permissions, nlink: 2, [], rdevMajor: 0, rdevMinor: 0);

    public void AddFile(string path, ReadOnlySpan<byte> content, UnixFileMode permissions = Permissions.File) =>
        WriteEntry(path, TypeRegular | (uint)permissions, nlink: 1, content, rdevMajor: 0, rdevMinor: 0);

    public void AddCharacterDevice(string path, int major, int minor, UnixFileMode permissions = Permissions.Device) =>
        WriteEntry(path, TypeCharacter | (uint)permissions, nlink: 1, [], checked((uint)major), checked((uint)minor));

    public void AddSymbolicLink(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        WriteEntry(path, TypeSymlink | (uint)Permissions.Symlink, nlink: 1, Encoding.ASCII.GetBytes(target), 0, 0);
    }

    /// <summary>Writes the trailer entry. Nothing can be added afterwards.</summary>
    public void Finish()
    {
        WriteHeader(TrailerName, inode: 0, mode: 0, nlink: 1, mtime: 0, size: 0, rdevMajor: 0, rdevMinor: 0);
        _finished = true;
    }

    private void WriteEntry(string path, uint mode, uint nlink, ReadOnlySpan<byte> content, uint rdevMajor, uint rdevMinor)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"cpio entry names are relative and contain no NUL: '{path}'", nameof(path));
        }

        WriteHeader(path, _nextInode++, mode, nlink, _modificationTime, (uint)content.Length, rdevMajor, rdevMinor);
        _output.Write(content);
        Pad(content.Length);
    }

    private void WriteHeader(string name, uint inode, uint mode, uint nlink, uint mtime, uint size, uint rdevMajor, uint rdevMinor)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var header = new StringBuilder(Magic, 110);
        uint[] fields = [inode, mode, 0, 0, nlink, mtime, size, 0, 0, rdevMajor, rdevMinor, (uint)nameBytes.Length, 0];
        foreach (var field in fields)
        {
            header.Append(field.ToString("x8", CultureInfo.InvariantCulture));
        }

        _output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _output.Write(nameBytes);
        Pad(header.Length + nameBytes.Length);
    }

    private void Pad(int length)
    {
        Span<byte> zeros = stackalloc byte[Alignment];
        zeros.Clear();
        _output.Write(zeros[..((Alignment - (length % Alignment)) % Alignment)]);
    }
}
