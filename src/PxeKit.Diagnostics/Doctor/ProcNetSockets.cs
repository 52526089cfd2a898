using System.Globalization;
using System.Net;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Reads the kernel's socket tables (<c>/proc/net/udp</c>, <c>udp6</c>, <c>tcp</c>, <c>tcp6</c>) of the current network
/// namespace: every UDP socket and every listening TCP socket, with its local address, port and inode.
/// </summary>
public static class ProcNetSockets
{
    private const string TcpListen = "0A";

    /// <summary>Every bound UDP socket and listening TCP socket; a table that cannot be read is skipped.</summary>
    public static IReadOnlyList<BoundSocket> Read()
    {
        var sockets = new List<BoundSocket>();
        foreach (var (file, tcp) in new[] { ("udp", false), ("udp6", false), ("tcp", true), ("tcp6", true) })
        {
            try
            {
                sockets.AddRange(Parse(File.ReadAllText($"/proc/net/{file}"), tcp));
            }
            catch (IOException)
            {
                // No IPv6, or no such table in this kernel.
            }
        }

        return sockets;
    }

    /// <summary>
    /// Parses one table. Each line after the header is <c>sl local_address rem_address st ... uid timeout inode ...</c>,
    /// addresses as hex in host byte order (IPv4: 8 digits, IPv6: 32) and the port as 4 hex digits.
    /// </summary>
    public static IEnumerable<BoundSocket> Parse(string table, bool tcp)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var line in table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || (tcp && fields[3] != TcpListen))
            {
                continue;
            }

            var local = fields[1].Split(':');
            if (local.Length != 2 || !int.TryParse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int port)
                || !long.TryParse(fields[9], NumberStyles.Integer, CultureInfo.InvariantCulture, out long inode)
                || ParseAddress(local[0]) is not { } address)
            {
                continue;
            }

            yield return new BoundSocket(tcp, address, port, inode);
        }
    }

    /// <summary>The kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress? ParseAddress(string hex)
    {
        if (hex.Length is not (8 or 32))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (int word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint value))
            {
                return null;
            }

            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return new IPAddress(bytes);
    }
}
