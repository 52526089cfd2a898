using System.Buffers.Binary;
using System.Text;

namespace PxeKit.Core.Tests.Systemd;

/// <summary>
/// Reads a native journal protocol datagram back into its fields, as journald does: <c>NAME=value\n</c>, or
/// <c>NAME\n</c>, a little-endian 64-bit length, the value and <c>\n</c>. Written from the protocol's description, apart
/// from the writer, so that a mistake in one is not the other's.
/// </summary>
internal static class JournalDatagram
{
    public static List<(string Name, string Value)> Parse(ReadOnlySpan<byte> datagram)
    {
        var fields = new List<(string, string)>();
        while (!datagram.IsEmpty)
        {
            int newline = datagram.IndexOf((byte)'\n');
            Assert.True(newline > 0, "every field ends with a newline");
            var line = datagram[..newline];
            int equals = line.IndexOf((byte)'=');
            if (equals >= 0)
            {
                fields.Add((Encoding.ASCII.GetString(line[..equals]), Encoding.UTF8.GetString(line[(equals + 1)..])));
                datagram = datagram[(newline + 1)..];
                continue;
            }

            var name = Encoding.ASCII.GetString(line);
            var rest = datagram[(newline + 1)..];
            int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(rest));
            fields.Add((name, Encoding.UTF8.GetString(rest.Slice(8, length))));
            Assert.Equal((byte)'\n', rest[8 + length]);
            datagram = rest[(8 + length + 1)..];
        }

        return fields;
    }
}
