using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Import;

/// <summary>
/// The DHCP options the import knows by name and type: dnsmasq's <c>option:NAME</c> names (as <c>dnsmasq --help dhcp</c>
/// lists them) and the value type of each (RFC 2132; RFC 4578 for 93, RFC 4833 for 100 and 101, RFC 3397 for 119, RFC 5859 for 150). An option not here is written
/// as <see cref="DhcpOptionType.Hex"/>: its bytes, exactly as dnsmasq would have sent them.
/// </summary>
public static class DhcpOptionCatalog
{
    private static readonly (byte Code, string Name, DhcpOptionType Type)[] Known =
    [
        (1, "netmask", DhcpOptionType.Address),
        (2, "time-offset", DhcpOptionType.Int32),
        (3, "router", DhcpOptionType.Addresses),
        (4, "time-server", DhcpOptionType.Addresses),
        (5, "name-server", DhcpOptionType.Addresses),
        (6, "dns-server", DhcpOptionType.Addresses),
        (7, "log-server", DhcpOptionType.Addresses),
        (9, "lpr-server", DhcpOptionType.Addresses),
        (12, "hostname", DhcpOptionType.String),
        (13, "boot-file-size", DhcpOptionType.UInt16),
        (15, "domain-name", DhcpOptionType.String),
        (16, "swap-server", DhcpOptionType.Address),
        (17, "root-path", DhcpOptionType.String),
        (18, "extension-path", DhcpOptionType.String),
        (19, "ip-forward-enable", DhcpOptionType.Bool),
        (20, "non-local-source-routing", DhcpOptionType.Bool),
        (22, "max-datagram-reassembly", DhcpOptionType.UInt16),
        (23, "default-ttl", DhcpOptionType.UInt8),
        (26, "mtu", DhcpOptionType.UInt16),
        (27, "all-subnets-local", DhcpOptionType.Bool),
        (28, "broadcast", DhcpOptionType.Address),
        (31, "router-discovery", DhcpOptionType.Bool),
        (32, "router-solicitation", DhcpOptionType.Address),
        (34, "trailer-encapsulation", DhcpOptionType.Bool),
        (35, "arp-timeout", DhcpOptionType.UInt32),
        (36, "ethernet-encap", DhcpOptionType.Bool),
        (37, "tcp-ttl", DhcpOptionType.UInt8),
        (38, "tcp-keepalive", DhcpOptionType.UInt32),
        (40, "nis-domain", DhcpOptionType.String),
        (41, "nis-server", DhcpOptionType.Addresses),
        (42, "ntp-server", DhcpOptionType.Addresses),
        (44, "netbios-ns", DhcpOptionType.Addresses),
        (45, "netbios-dd", DhcpOptionType.Addresses),
        (46, "netbios-nodetype", DhcpOptionType.UInt8),
        (47, "netbios-scope", DhcpOptionType.String),
        (48, "x-windows-fs", DhcpOptionType.Addresses),
        (49, "x-windows-dm", DhcpOptionType.Addresses),
        (58, "T1", DhcpOptionType.UInt32),
        (59, "T2", DhcpOptionType.UInt32),
        (60, "vendor-class", DhcpOptionType.String),
        (64, "nis+-domain", DhcpOptionType.String),
        (65, "nis+-server", DhcpOptionType.Addresses),
        (66, "tftp-server", DhcpOptionType.String),
        (67, "bootfile-name", DhcpOptionType.String),
        (68, "mobile-ip-home", DhcpOptionType.Addresses),
        (69, "smtp-server", DhcpOptionType.Addresses),
        (70, "pop3-server", DhcpOptionType.Addresses),
        (71, "nntp-server", DhcpOptionType.Addresses),
        (74, "irc-server", DhcpOptionType.Addresses),
        (77, "user-class", DhcpOptionType.String),
        (93, "client-arch", DhcpOptionType.UInt16),
        (100, "posix-timezone", DhcpOptionType.String),
        (101, "tzdb-timezone", DhcpOptionType.String),
        (119, "domain-search", DhcpOptionType.Domains),
        (150, "tftp-server-address", DhcpOptionType.Addresses),
    ];

    /// <summary>dnsmasq's names of options whose type is not in <see cref="Known"/> (written as hex).</summary>
    private static readonly (byte Code, string Name)[] NamedOnly =
    [
        (21, "policy-filter"), (33, "static-route"), (43, "vendor-encap"), (80, "rapid-commit"), (94, "client-interface-id"),
        (97, "client-machine-id"), (108, "ipv6-only"), (120, "sip-server"), (121, "classless-static-route"),
        (125, "vendor-id-encap"), (255, "server-ip-address"),
    ];

    /// <summary>An option number (0-255) or one of dnsmasq's names, as in <c>option:domain-name</c>.</summary>
    public static bool TryCode(string text, out byte code)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (byte.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code))
        {
            return true;
        }

        foreach (var (number, name, _) in Known)
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                code = number;
                return true;
            }
        }

        foreach (var (number, name) in NamedOnly)
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                code = number;
                return true;
            }
        }

        return false;
    }

    /// <summary>The type of a well-known option; <see cref="DhcpOptionType.Hex"/> for the others.</summary>
    public static DhcpOptionType TypeOf(byte code)
    {
        foreach (var (number, _, type) in Known)
        {
            if (number == code)
            {
                return type;
            }
        }

        return DhcpOptionType.Hex;
    }
}
