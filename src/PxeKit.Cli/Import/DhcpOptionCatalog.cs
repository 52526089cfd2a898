namespace PxeKit.Cli.Import;

/// <summary>
/// The DHCP options the import knows by name and type: dnsmasq's <c>option:NAME</c> names (as <c>dnsmasq --help dhcp</c>
/// lists them) and the value type of each (RFC 2132; RFC 4578 for 93, RFC 4833 for 100 and 101, RFC 3397 for 119, RFC 5859 for 150). An option not here is written
/// as <see cref="OptionValueType.Hex"/>: its bytes, exactly as dnsmasq would have sent them.
/// </summary>
public static class DhcpOptionCatalog
{
    private static readonly (byte Code, string Name, OptionValueType Type)[] Known =
    [
        (1, "netmask", OptionValueType.Address),
        (2, "time-offset", OptionValueType.UInt32),
        (3, "router", OptionValueType.Addresses),
        (4, "time-server", OptionValueType.Addresses),
        (5, "name-server", OptionValueType.Addresses),
        (6, "dns-server", OptionValueType.Addresses),
        (7, "log-server", OptionValueType.Addresses),
        (9, "lpr-server", OptionValueType.Addresses),
        (12, "hostname", OptionValueType.String),
        (13, "boot-file-size", OptionValueType.UInt16),
        (15, "domain-name", OptionValueType.String),
        (16, "swap-server", OptionValueType.Address),
        (17, "root-path", OptionValueType.String),
        (18, "extension-path", OptionValueType.String),
        (19, "ip-forward-enable", OptionValueType.Bool),
        (20, "non-local-source-routing", OptionValueType.Bool),
        (22, "max-datagram-reassembly", OptionValueType.UInt16),
        (23, "default-ttl", OptionValueType.UInt8),
        (26, "mtu", OptionValueType.UInt16),
        (27, "all-subnets-local", OptionValueType.Bool),
        (28, "broadcast", OptionValueType.Address),
        (31, "router-discovery", OptionValueType.Bool),
        (32, "router-solicitation", OptionValueType.Address),
        (34, "trailer-encapsulation", OptionValueType.Bool),
        (35, "arp-timeout", OptionValueType.UInt32),
        (36, "ethernet-encap", OptionValueType.Bool),
        (37, "tcp-ttl", OptionValueType.UInt8),
        (38, "tcp-keepalive", OptionValueType.UInt32),
        (40, "nis-domain", OptionValueType.String),
        (41, "nis-server", OptionValueType.Addresses),
        (42, "ntp-server", OptionValueType.Addresses),
        (44, "netbios-ns", OptionValueType.Addresses),
        (45, "netbios-dd", OptionValueType.Addresses),
        (46, "netbios-nodetype", OptionValueType.UInt8),
        (47, "netbios-scope", OptionValueType.String),
        (48, "x-windows-fs", OptionValueType.Addresses),
        (49, "x-windows-dm", OptionValueType.Addresses),
        (58, "T1", OptionValueType.UInt32),
        (59, "T2", OptionValueType.UInt32),
        (60, "vendor-class", OptionValueType.String),
        (64, "nis+-domain", OptionValueType.String),
        (65, "nis+-server", OptionValueType.Addresses),
        (66, "tftp-server", OptionValueType.String),
        (67, "bootfile-name", OptionValueType.String),
        (68, "mobile-ip-home", OptionValueType.Addresses),
        (69, "smtp-server", OptionValueType.Addresses),
        (70, "pop3-server", OptionValueType.Addresses),
        (71, "nntp-server", OptionValueType.Addresses),
        (74, "irc-server", OptionValueType.Addresses),
        (77, "user-class", OptionValueType.String),
        (93, "client-arch", OptionValueType.UInt16),
        (100, "posix-timezone", OptionValueType.String),
        (101, "tzdb-timezone", OptionValueType.String),
        (119, "domain-search", OptionValueType.Domains),
        (150, "tftp-server-address", OptionValueType.Addresses),
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

    /// <summary>The type of a well-known option; <see cref="OptionValueType.Hex"/> for the others.</summary>
    public static OptionValueType TypeOf(byte code)
    {
        foreach (var (number, _, type) in Known)
        {
            if (number == code)
            {
                return type;
            }
        }

        return OptionValueType.Hex;
    }
}
