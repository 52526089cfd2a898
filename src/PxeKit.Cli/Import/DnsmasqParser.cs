using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PxeKit.Cli.Import;

/// <summary>
/// Turns each dnsmasq setting into its typed directive, or a <see cref="NotMappedDirective"/> that says why it has none.
/// Never throws on what a file says. The grammar of each setting is dnsmasq(8)'s, quoted above its method.
/// </summary>
public static partial class DnsmasqParser
{
    /// <summary>Settings that ask for what PxeKit always does, and what that is.</summary>
    private static readonly Dictionary<string, string> AlreadySo = new(StringComparer.Ordinal)
    {
        ["bind-interfaces"] = "PxeKit binds its sockets to each interface it serves",
        ["bind-dynamic"] = "PxeKit follows each interface it serves, and serves it again when it comes back",
        ["log-dhcp"] = "PxeKit journals every DHCP exchange (docs/events.md)",
        ["no-daemon"] = "PxeKit runs in the foreground (systemd starts it)",
        ["keep-in-foreground"] = "PxeKit runs in the foreground (systemd starts it)",
        ["dhcp-broadcast"] = "PxeKit broadcasts to every client that has no address yet",
    };

    /// <summary>Option 15 (RFC 2132 section 3.17).</summary>
    private const byte DomainName = 15;

    public static IReadOnlyList<DnsmasqDirective> Parse(IEnumerable<DnsmasqLine> lines) => [.. lines.Select(Parse)];

    public static DnsmasqDirective Parse(DnsmasqLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (AlreadySo.TryGetValue(line.Name, out var because) && line.Value is null)
        {
            return new AlreadySoDirective(line, because);
        }

        return line.Name switch
        {
            "port" when line.Value == "0" => new AlreadySoDirective(line, "PxeKit is no DNS server"),
            "pid-file" when string.IsNullOrEmpty(line.Value) => new AlreadySoDirective(line, "PxeKit writes no PID file"),
            "interface" => ParseInterface(line),
            "dhcp-range" => ParseRange(line),
            "dhcp-host" => ParseHost(line),
            "dhcp-boot" => ParseBoot(line),
            "dhcp-match" => ParseMatch(line),
            "dhcp-userclass" => ParseClass(line, ClientConditionKind.UserClass),
            "dhcp-vendorclass" => ParseClass(line, ClientConditionKind.VendorClass),
            "tag-if" => ParseTagIf(line),
            "pxe-service" => ParsePxeService(line),
            "pxe-prompt" => ParsePxePrompt(line),
            "enable-tftp" => new EnableTftpDirective(line, line.Value is null ? [] : [.. line.Fields.Select(f => f.Text)]),
            "tftp-root" => ParseTftpRoot(line),
            "dhcp-option" => ParseOption(line, force: false),
            "dhcp-option-force" => ParseOption(line, force: true),
            // domain=NAME (no address range after it) is also what dnsmasq sends DHCP clients as option 15.
            "domain" when line.Fields is [{ Text.Length: > 0 } name] => new DhcpOptionDirective(line, [], DomainName, [name], false),
            "dhcp-authoritative" => new SettingDirective(line, DnsmasqSetting.Authoritative, 0),
            "no-ping" => new SettingDirective(line, DnsmasqSetting.NoPing, 0),
            "tftp-max" when int.TryParse(line.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int max) && max > 0 =>
                new SettingDirective(line, DnsmasqSetting.TftpMax, max),
            "conf-file" or "conf-dir" => new NotMappedDirective(line, "no file given: dnsmasq would read its default /etc/dnsmasq.conf, which the import does not guess"),
            _ => new NotMappedDirective(line, WhyNot(line.Name)),
        };
    }

    /// <summary>Why a setting the import does not read has no PxeKit equivalent.</summary>
    private static string WhyNot(string name) => name switch
    {
        "dhcp-leasefile" or "dhcp-script" or "dhcp-luascript" =>
            "PxeKit keeps its leases in its own SQLite database (lease-db:) and journals each one; dnsmasq's lease file is not read",
        "dhcp-lease-max" => "PxeKit's pool is bounded by its range",
        "user" or "group" => "serve's --user says whom PxeKit runs as",
        "log-facility" or "log-queries" or "log-async" => "PxeKit logs to standard error and its journal",
        "pid-file" => "PxeKit writes no PID file (systemd follows it)",
        "tftp-max" => "not a positive number",
        "port" or "server" or "address" or "no-resolv" or "no-hosts" or "domain-needed" or "bogus-priv" or "local" or "domain" or "expand-hosts" or "cache-size" or "listen-address" =>
            "PxeKit is no DNS server, and answers on the interfaces it serves",
        _ when name.StartsWith("tftp-", StringComparison.Ordinal) => "no PxeKit equivalent among the tftp: keys (docs/configuration.md)",
        _ when name.StartsWith("dhcp-", StringComparison.Ordinal) || name.StartsWith("pxe-", StringComparison.Ordinal) =>
            "no PxeKit equivalent among the dhcp: keys and profiles (docs/migrating.md)",
        _ => "no PxeKit equivalent: PxeKit serves DHCP, TFTP and HTTP for network boot only",
    };

    /// <summary><c>interface=IF[,IF...]</c>.</summary>
    private static DnsmasqDirective ParseInterface(DnsmasqLine line)
    {
        var names = line.Fields.Select(f => f.Text).ToList();
        if (names.Count == 0 || names.Any(n => n.Length == 0))
        {
            return new NotMappedDirective(line, "no interface named");
        }

        return names.Any(n => n.Contains('*', StringComparison.Ordinal))
            ? new NotMappedDirective(line, "a wildcard interface: PxeKit serves interfaces by their exact names")
            : new InterfaceDirective(line, names);
    }

    /// <summary><c>tftp-root=DIR[,IF]</c>.</summary>
    private static DnsmasqDirective ParseTftpRoot(DnsmasqLine line)
    {
        var fields = line.Fields;
        return fields.Count is < 1 or > 2 || fields[0].Text.Length == 0
            ? new NotMappedDirective(line, "expected tftp-root=DIRECTORY[,INTERFACE]")
            : new TftpRootDirective(line, fields[0].Text, fields.Count == 2 ? fields[1].Text : null);
    }

    /// <summary>The leading <c>tag:</c> fields of a value, and the index of the first field after them.</summary>
    private static (List<TagCondition> Tags, int Next) LeadingTags(IReadOnlyList<DnsmasqField> fields)
    {
        var tags = new List<TagCondition>();
        int i = 0;
        while (i < fields.Count && !fields[i].Quoted && TagCondition.TryParse(fields[i].Text) is { } tag)
        {
            tags.Add(tag);
            i++;
        }

        return (tags, i);
    }

    private static IPAddress? Ipv4(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3 ? address : null;

    /// <summary>dnsmasq's lease times: a number of seconds, or with s, m, h, d or w; <c>infinite</c> is returned as null.</summary>
    private static bool TryLeaseTime(string text, out TimeSpan? time)
    {
        time = null;
        if (text.Equals("infinite", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Length == 0)
        {
            return false;
        }

        char unit = char.ToLowerInvariant(text[^1]);
        var digits = char.IsDigit(unit) ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return false;
        }

        long? seconds = unit switch
        {
            >= '0' and <= '9' or 's' => number,
            'm' => number * 60,
            'h' => number * 3600,
            'd' => number * 86400,
            'w' => number * 7 * 86400,
            _ => null,
        };
        if (seconds is null or <= 0 or > uint.MaxValue - 1)
        {
            return false;
        }

        time = TimeSpan.FromSeconds(seconds.Value);
        return true;
    }
}
