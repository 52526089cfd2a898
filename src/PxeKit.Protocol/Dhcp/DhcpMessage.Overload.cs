using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>Encoding options that do not fit the options field into the free <c>file</c> and <c>sname</c> fields.</summary>
public sealed partial class DhcpMessage
{
    private const int AreaCount = 3;

    /// <summary>The bytes a value takes as options: 255-byte instances, each with its code and length (RFC 3396 section 5).</summary>
    private static int EncodedLength(byte[]? value) =>
        value is null ? 0 : value.Length + (2 * Math.Max(1, (value.Length + byte.MaxValue - 1) / byte.MaxValue));

    /// <summary>
    /// RFC 2132 section 9.3 and RFC 3396 section 7: the options field, then <c>file</c>, then <c>sname</c>, read
    /// as one sequence. Options are placed in their order, each in the first area from the current one that
    /// holds it whole (a value over 255 bytes is split, its instances in order), so the reader gets them back
    /// in the same order. A field that carries text (a boot file name PXE firmware reads from <c>file</c>, a
    /// server name) is not used, unless <paramref name="bootFileAsOption"/>: then <c>file</c> is free, and the boot file
    /// name goes first as option 67 (RFC 2132 section 9.5: the name when <c>file</c> carries options), unless an option
    /// 67 with the same name is there already.
    /// The options field keeps room for option 52 and option 82, which stays last there (a relay looks for it in
    /// the options field); every area ends with End.
    /// </summary>
    private bool TryWriteOverloaded(Span<byte> buffer, byte[]? relay, bool bootFileAsOption, out int length)
    {
        length = 0;
        Span<int> position = [DhcpConstants.OptionsOffset, DhcpConstants.BootFileOffset, DhcpConstants.ServerNameOffset];
        Span<int> start = [.. position];
        Span<int> end =
        [
            buffer.Length - 3 - EncodedLength(relay) - 1,
            DhcpConstants.BootFileOffset + DhcpConstants.BootFileLength - 1,
            DhcpConstants.ServerNameOffset + DhcpConstants.ServerNameLength - 1,
        ];
        Span<bool> free = [true, bootFileAsOption || BootFile.Length == 0, ServerName.Length == 0];
        if (end[0] < start[0])
        {
            return false;
        }

        int area = 0;
        if (bootFileAsOption)
        {
            buffer.Slice(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength).Clear();
        }

        if (bootFileAsOption && GetOption(DhcpOptionCode.BootFileName) is null)
        {
            if (!Place(buffer, DhcpOptionCode.BootFileName, Encoding.Latin1.GetBytes(BootFile), position, end, free, ref area))
            {
                return false;
            }
        }

        foreach (var option in _options)
        {
            if (option.Code != DhcpOptionCode.RelayAgentInformation && !Place(buffer, option.Code, option.Data, position, end, free, ref area))
            {
                return false;
            }
        }

        var overload = DhcpOptionArea.Options;
        if (position[1] > start[1])
        {
            overload |= DhcpOptionArea.File;
            buffer[position[1]] = (byte)DhcpOptionCode.End;
        }

        if (position[2] > start[2])
        {
            overload |= DhcpOptionArea.ServerName;
            buffer[position[2]] = (byte)DhcpOptionCode.End;
        }

        var writer = new DhcpOptionWriter(buffer, position[0]);
        if (overload != DhcpOptionArea.Options)
        {
            writer.Write(DhcpOptionCode.OptionOverload, (byte)overload);
        }

        if (relay is not null)
        {
            writer.Write(DhcpOptionCode.RelayAgentInformation, relay);
        }

        writer.WriteEnd(Math.Min(DhcpConstants.MinimumReplyLength, buffer.Length));
        length = writer.Position;
        return true;
    }

    /// <summary>Writes one option, as 255-byte instances, each in the first area from <paramref name="area"/> that holds it whole.</summary>
    private static bool Place(Span<byte> buffer, DhcpOptionCode code, ReadOnlySpan<byte> value, Span<int> position, ReadOnlySpan<int> end, ReadOnlySpan<bool> free, ref int area)
    {
        do
        {
            int chunk = Math.Min(value.Length, byte.MaxValue);
            while (area < AreaCount && (!free[area] || end[area] - position[area] < 2 + chunk))
            {
                area++;
            }

            if (area == AreaCount)
            {
                return false;
            }

            buffer[position[area]] = (byte)code;
            buffer[position[area] + 1] = (byte)chunk;
            value[..chunk].CopyTo(buffer[(position[area] + 2)..]);
            position[area] += 2 + chunk;
            value = value[chunk..];
        }
        while (!value.IsEmpty);
        return true;
    }
}
