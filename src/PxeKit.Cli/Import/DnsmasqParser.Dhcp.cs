using System.Net;
using System.Text.RegularExpressions;

namespace PxeKit.Cli.Import;

public static partial class DnsmasqParser
{
    /// <summary>
    /// <c>dhcp-range=[tag:T[,tag:T],][set:T,]START[,END|MODE[,NETMASK[,BROADCAST]]][,LEASE-TIME]</c>; dnsmasq's older
    /// <c>net:T</c> (or a bare name first) sets a tag too. The broadcast address is left out: PxeKit derives it.
    /// </summary>
    private static DnsmasqDirective ParseRange(DnsmasqLine line)
    {
        var fields = line.Fields;
        var tags = new List<TagCondition>();
        string? set = null;
        int i = 0;
        for (; i < fields.Count; i++)
        {
            var text = fields[i].Text;
            if (text.StartsWith("tag:", StringComparison.Ordinal))
            {
                tags.Add(TagCondition.TryParse(text)!.Value);
            }
            else if (text.StartsWith("set:", StringComparison.Ordinal) || text.StartsWith("net:", StringComparison.Ordinal))
            {
                set = text[4..];
            }
            else if (i == 0 && Ipv4(text) is null && !text.Contains(':', StringComparison.Ordinal) && text.Length > 0)
            {
                set = text;
            }
            else
            {
                break;
            }
        }

        if (i >= fields.Count || Ipv4(fields[i].Text) is not { } start)
        {
            return fields.Skip(i).Any(f => f.Text.Contains(':', StringComparison.Ordinal))
                ? new NotMappedDirective(line, "an IPv6 range: PxeKit serves DHCPv4 only")
                : new NotMappedDirective(line, "expected an IPv4 start address");
        }

        var addresses = new List<IPAddress>();
        var mode = DhcpRangeMode.Dynamic;
        TimeSpan? lease = null;
        foreach (var field in fields.Skip(i + 1))
        {
            var text = field.Text;
            if (Ipv4(text) is { } address)
            {
                addresses.Add(address);
            }
            else if (text is "static" or "proxy" && addresses.Count == 0 && mode == DhcpRangeMode.Dynamic)
            {
                mode = text == "static" ? DhcpRangeMode.Static : DhcpRangeMode.Proxy;
            }
            else if (TryLeaseTime(text, out var time) && lease is null)
            {
                lease = time ?? Timeout.InfiniteTimeSpan;
            }
            else
            {
                return new NotMappedDirective(line, $"'{text}' is neither an address, a mode (static, proxy) nor a lease time");
            }
        }

        IPAddress? end = null;
        if (mode == DhcpRangeMode.Dynamic)
        {
            if (addresses.Count == 0)
            {
                return new NotMappedDirective(line, "no end address (a range needs START,END)");
            }

            end = addresses[0];
            addresses.RemoveAt(0);
        }

        return addresses.Count > 2
            ? new NotMappedDirective(line, "more addresses than START, END, NETMASK and BROADCAST")
            : new DhcpRangeDirective(line, tags, set, start, end, addresses.Count > 0 ? addresses[0] : null, mode, lease);
    }

    /// <summary>
    /// <c>dhcp-host=[HWADDR...][,id:CLIENT-ID|*][,set:T][,tag:T][,IPADDR][,HOSTNAME][,LEASE-TIME][,ignore]</c>; a field
    /// is told by its shape, as dnsmasq tells it.
    /// </summary>
    private static DnsmasqDirective ParseHost(DnsmasqLine line)
    {
        var macs = new List<string>();
        var others = new List<string>();
        IPAddress? address = null;
        string? hostname = null, set = null;
        foreach (var field in line.Fields)
        {
            var text = field.Text;
            if (text.Length == 0)
            {
                continue;
            }

            if (MacPattern().IsMatch(text))
            {
                var mac = text.Contains('-', StringComparison.Ordinal) && text.Length > 17 ? text[(text.IndexOf('-', StringComparison.Ordinal) + 1)..] : text;
                macs.Add(mac.Replace('-', ':').ToLowerInvariant());
            }
            else if (text.StartsWith("set:", StringComparison.Ordinal) && set is null)
            {
                set = text[4..];
            }
            else if (Ipv4(text) is { } ip && address is null)
            {
                address = ip;
            }
            else if (!field.Quoted && HostnamePattern().IsMatch(text) && !TryLeaseTime(text, out _) && text != "ignore" && hostname is null)
            {
                hostname = text;
            }
            else
            {
                others.Add(text);
            }
        }

        return new DhcpHostDirective(line, macs, address, hostname, set, others);
    }

    /// <summary>
    /// <c>dhcp-option[-force]=[tag:T,...][encap:OPT,][vi-encap:ENTERPRISE,][vendor:[CLASS],]OPT|option:NAME[,VALUE...]</c>.
    /// </summary>
    private static DnsmasqDirective ParseOption(DnsmasqLine line, bool force)
    {
        var fields = line.Fields;
        var (tags, i) = LeadingTags(fields);
        if (i >= fields.Count || fields[i].Text.Length == 0)
        {
            return new NotMappedDirective(line, "no option given");
        }

        var spec = fields[i].Text;
        if (spec.StartsWith("encap:", StringComparison.Ordinal) || spec.StartsWith("vi-encap:", StringComparison.Ordinal) || spec.StartsWith("vendor:", StringComparison.Ordinal))
        {
            return new NotMappedDirective(line, "an encapsulated or vendor-class option: PxeKit's options: are plain options");
        }

        if (spec.StartsWith("option6:", StringComparison.Ordinal))
        {
            return new NotMappedDirective(line, "a DHCPv6 option: PxeKit serves DHCPv4 only");
        }

        var name = spec.StartsWith("option:", StringComparison.Ordinal) ? spec[7..] : spec;
        if (!DhcpOptionCatalog.TryCode(name, out byte code))
        {
            return new NotMappedDirective(line, $"'{spec}' is no option number (0-255) or name the import knows (dnsmasq --help dhcp lists them)");
        }

        if (code is 0 or 255)
        {
            return new NotMappedDirective(line, $"option {code} is not an option a server sends");
        }

        var values = fields.Skip(i + 1).ToList();
        return new DhcpOptionDirective(line, tags, code, values.Count == 1 && values[0].Text.Length == 0 && !values[0].Quoted ? [] : values, force);
    }

    /// <summary>A MAC, optionally after a hardware type (<c>1-</c>), with <c>*</c> for any octet.</summary>
    [GeneratedRegex("^([0-9]{1,2}-)?([0-9A-Fa-f*]{1,2}[:-]){5}[0-9A-Fa-f*]{1,2}$")]
    private static partial Regex MacPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]*$")]
    private static partial Regex HostnamePattern();
}
