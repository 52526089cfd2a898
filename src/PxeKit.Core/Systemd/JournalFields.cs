using System.Buffers.Binary;
using System.Text;

namespace PxeKit.Core.Systemd;

/// <summary>
/// One journal entry in systemd's native protocol (systemd.journal-fields(7), "Native Journal Protocol"): each field is
/// <c>NAME=value\n</c>, or, when the value holds a newline, <c>NAME\n</c>, the value's length as a little-endian 64-bit
/// integer, the value and <c>\n</c>. Names are upper-case letters, digits and '_', start with a letter, at most 64
/// characters; names that break that are a programmer's error.
/// </summary>
public sealed class JournalFields
{
    /// <summary>The longest field name journald accepts.</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// The longest value written: a hostile client's file name must not make an entry too large for one datagram
    /// (larger ones would need a memfd); longer values are cut, with "…" at the end.
    /// </summary>
    public const int MaxValueBytes = 4096;

    private readonly MemoryStream _entry = new();

    /// <summary>Adds a field; a null value adds nothing.</summary>
    public JournalFields Add(string name, string? value)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a journal field name.", nameof(name));
        }

        if (value is null)
        {
            return this;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > MaxValueBytes)
        {
            bytes = [.. bytes.AsSpan(0, MaxValueBytes), .. "…"u8];
        }

        _entry.Write(Encoding.ASCII.GetBytes(name));
        if (bytes.AsSpan().Contains((byte)'\n'))
        {
            Span<byte> length = stackalloc byte[1 + sizeof(ulong)];
            length[0] = (byte)'\n';
            BinaryPrimitives.WriteUInt64LittleEndian(length[1..], (ulong)bytes.Length);
            _entry.Write(length);
        }
        else
        {
            _entry.WriteByte((byte)'=');
        }

        _entry.Write(bytes);
        _entry.WriteByte((byte)'\n');
        return this;
    }

    /// <summary>The entry as one datagram.</summary>
    public ReadOnlyMemory<byte> ToDatagram() => _entry.GetBuffer().AsMemory(0, (int)_entry.Length);

    /// <summary>Upper-case letters, digits and '_', starting with a letter, at most <see cref="MaxNameLength"/>.</summary>
    public static bool IsValidName(string name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxNameLength
        && name[0] is >= 'A' and <= 'Z'
        && name.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
}
