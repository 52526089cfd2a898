namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// The options a configuration may name instead of giving their code, with the type of their value. A code not here is
/// given with its type (<c>code: 224, type: hex</c>).
/// </summary>
public static class DhcpOptionNames
{
    private static readonly (string Name, byte Code, DhcpOptionType Type)[] Known =
    [
        ("time-offset", 2, DhcpOptionType.Int32),
        ("time-servers", 4, DhcpOptionType.Addresses),
        ("log-servers", 7, DhcpOptionType.Addresses),
        ("domain-name", 15, DhcpOptionType.String),
        ("root-path", 17, DhcpOptionType.String),
        ("ip-forwarding", 19, DhcpOptionType.Bool),
        ("default-ttl", 23, DhcpOptionType.UInt8),
        ("interface-mtu", 26, DhcpOptionType.UInt16),
        ("broadcast-address", 28, DhcpOptionType.Address),
        ("nis-domain", 40, DhcpOptionType.String),
        ("nis-servers", 41, DhcpOptionType.Addresses),
        ("ntp-servers", 42, DhcpOptionType.Addresses),
        ("netbios-name-servers", 44, DhcpOptionType.Addresses),
        ("netbios-node-type", 46, DhcpOptionType.UInt8),
        ("smtp-servers", 69, DhcpOptionType.Addresses),
        ("pop3-servers", 70, DhcpOptionType.Addresses),
        ("www-servers", 72, DhcpOptionType.Addresses),
        ("posix-timezone", 100, DhcpOptionType.String),
        ("tzdb-timezone", 101, DhcpOptionType.String),
        ("domain-search", 119, DhcpOptionType.Domains),
        ("tftp-server-address", 150, DhcpOptionType.Addresses),
    ];

    /// <summary>Every name, in code order, for messages.</summary>
    public static IEnumerable<string> All => Known.Select(k => k.Name);

    /// <summary>The code and type of the option named <paramref name="name"/>.</summary>
    public static bool TryFind(string name, out byte code, out DhcpOptionType type)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known.Name, name, StringComparison.Ordinal))
            {
                (code, type) = (known.Code, known.Type);
                return true;
            }
        }

        (code, type) = (0, DhcpOptionType.Hex);
        return false;
    }

    /// <summary>The type of a known code, when the configuration gives a code without one.</summary>
    public static DhcpOptionType? TypeOf(byte code) =>
        Known.FirstOrDefault(k => k.Code == code) is { Name: not null } found ? found.Type : null;
}
