using System.Globalization;

namespace PxeKit.Cli.Import;

public static partial class DnsmasqParser
{
    /// <summary>dnsmasq's client system architecture names for pxe-service, each at its option 93 value.</summary>
    private static readonly string[] CsaNames =
    [
        "x86PC", "PC98", "IA64_EFI", "Alpha", "Arc_x86", "Intel_Lean_Client", "IA32_EFI", "x86-64_EFI", "Xscale_EFI", "BC_EFI",
        "ARM32_EFI", "ARM64_EFI",
    ];

    /// <summary>iPXE's encapsulated options (RFC-less, iPXE's own): <c>dhcp-match=set:ipxe,175</c> is how dnsmasq recipes spot iPXE.</summary>
    private const byte IpxeEncapsulatedOptions = 175;

    /// <summary><c>dhcp-boot=[tag:T,...]FILENAME[,SERVERNAME[,SERVER-ADDRESS|TFTP-SERVERNAME]]</c>.</summary>
    private static DnsmasqDirective ParseBoot(DnsmasqLine line)
    {
        var fields = line.Fields;
        var (tags, i) = LeadingTags(fields);
        if (i >= fields.Count || fields[i].Text.Length == 0)
        {
            return new NotMappedDirective(line, "no boot file given");
        }

        if (fields.Count > i + 3)
        {
            return new NotMappedDirective(line, "more fields than FILE, SERVER-NAME and SERVER-ADDRESS");
        }

        string? Field(int at) => at < fields.Count && fields[at].Text.Length > 0 ? fields[at].Text : null;
        return new DhcpBootDirective(line, tags, fields[i].Text, Field(i + 1), Field(i + 2));
    }

    /// <summary><c>dhcp-match=set:T,OPTION-NUMBER|option:NAME|vi-encap:ENTERPRISE[,VALUE]</c>.</summary>
    private static DnsmasqDirective ParseMatch(DnsmasqLine line)
    {
        var fields = line.Fields;
        if (fields.Count is < 2 or > 3 || SetTag(fields[0].Text) is not { } tag)
        {
            return new NotMappedDirective(line, "expected dhcp-match=set:TAG,OPTION[,VALUE]");
        }

        var spec = fields[1].Text;
        var name = spec.StartsWith("option:", StringComparison.Ordinal) ? spec[7..] : spec;
        if (spec.StartsWith("vi-encap:", StringComparison.Ordinal) || !DhcpOptionCatalog.TryCode(name, out byte code))
        {
            return new NotMappedDirective(line, $"'{spec}': a PxeKit profile matches option 93 (arch), 60 (vendor-class) and 77 (user-class) only");
        }

        var value = fields.Count == 3 ? fields[2].Text : null;
        ClientCondition? condition = (code, value) switch
        {
            (93, { } v) when ParseArch(v) is { } arch => new ClientCondition(ClientConditionKind.Arch, arch.ToString(CultureInfo.InvariantCulture)),
            (77, { Length: > 0 } v) => new ClientCondition(ClientConditionKind.UserClass, v),
            (60, { Length: > 0 } v) => new ClientCondition(ClientConditionKind.VendorClass, v),
            (IpxeEncapsulatedOptions, null) => new ClientCondition(ClientConditionKind.UserClass, "iPXE"),
            _ => null,
        };
        return condition is null
            ? new NotMappedDirective(line, value is null
                ? $"matches whether option {code} is present: a PxeKit profile matches the values of options 93, 60 and 77 (and iPXE's 175, as user class iPXE)"
                : $"a value of option {code}: a PxeKit profile matches option 93 (arch), 60 (vendor-class) and 77 (user-class) only")
            : new TagRuleDirective(line, tag, condition);
    }

    /// <summary><c>dhcp-userclass=set:T,USER-CLASS</c> and <c>dhcp-vendorclass=set:T,[enterprise:N,]VENDOR-CLASS</c>.</summary>
    private static DnsmasqDirective ParseClass(DnsmasqLine line, ClientConditionKind kind)
    {
        var fields = line.Fields;
        if (fields.Count == 3 && fields[1].Text.StartsWith("enterprise:", StringComparison.Ordinal))
        {
            return new NotMappedDirective(line, "a vendor class of an enterprise (option 124/125): PxeKit matches option 60");
        }

        return fields.Count != 2 || SetTag(fields[0].Text) is not { } tag || fields[1].Text.Length == 0
            ? new NotMappedDirective(line, $"expected {line.Name}=set:TAG,CLASS")
            : new TagRuleDirective(line, tag, new ClientCondition(kind, fields[1].Text));
    }

    /// <summary><c>tag-if=set:T[,set:T[,tag:T[,tag:T]]]</c>.</summary>
    private static DnsmasqDirective ParseTagIf(DnsmasqLine line)
    {
        var sets = new List<string>();
        var required = new List<TagCondition>();
        foreach (var field in line.Fields)
        {
            if (SetTag(field.Text) is { } set && required.Count == 0)
            {
                sets.Add(set);
            }
            else if (TagCondition.TryParse(field.Text) is { } tag)
            {
                required.Add(tag);
            }
            else
            {
                return new NotMappedDirective(line, $"'{field.Text}' is neither set:TAG nor tag:TAG");
            }
        }

        return sets.Count == 0 ? new NotMappedDirective(line, "no set:TAG") : new TagIfDirective(line, sets, required);
    }

    /// <summary><c>pxe-service=[tag:T,]CSA,MENU-TEXT[,BASENAME|BOOT-SERVICE-TYPE][,SERVER-ADDRESS|SERVER-NAME]</c>.</summary>
    private static DnsmasqDirective ParsePxeService(DnsmasqLine line)
    {
        var fields = line.Fields;
        var (tags, i) = LeadingTags(fields);
        if (fields.Count - i is < 2 or > 4)
        {
            return new NotMappedDirective(line, "expected pxe-service=[tag:TAG,]CSA,MENU-TEXT[,BASENAME|TYPE][,SERVER]");
        }

        var csa = fields[i].Text;
        int index = Array.FindIndex(CsaNames, n => n.Equals(csa, StringComparison.OrdinalIgnoreCase));
        ushort arch;
        if (index >= 0)
        {
            arch = (ushort)index;
        }
        else if (!ushort.TryParse(csa, NumberStyles.None, CultureInfo.InvariantCulture, out arch))
        {
            return new NotMappedDirective(line, $"'{csa}' is no client system type ({string.Join(", ", CsaNames)}, or a number)");
        }

        string? file = null;
        int? type = 0;
        if (fields.Count - i >= 3 && fields[i + 2].Text is { Length: > 0 } basename)
        {
            if (int.TryParse(basename, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                type = number;
            }
            else
            {
                // The PXE layer suffix is added to a basename without one (dnsmasq(8): "normally .0").
                file = Path.GetFileName(basename).Contains('.', StringComparison.Ordinal) ? basename : basename + ".0";
                type = null;
            }
        }

        var server = fields.Count - i == 4 && fields[i + 3].Text.Length > 0 ? fields[i + 3].Text : null;
        return new PxeServiceDirective(line, tags, arch, csa, fields[i + 1].Text, file, type, server);
    }

    /// <summary><c>pxe-prompt=[tag:T,]PROMPT[,TIMEOUT]</c>.</summary>
    private static DnsmasqDirective ParsePxePrompt(DnsmasqLine line)
    {
        var fields = line.Fields;
        var (tags, i) = LeadingTags(fields);
        if (fields.Count - i is < 1 or > 2)
        {
            return new NotMappedDirective(line, "expected pxe-prompt=[tag:TAG,]PROMPT[,TIMEOUT]");
        }

        int? timeout = null;
        if (fields.Count - i == 2)
        {
            if (!int.TryParse(fields[i + 1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
            {
                return new NotMappedDirective(line, $"the timeout '{fields[i + 1].Text}' is not a number of seconds");
            }

            timeout = seconds;
        }

        return new PxePromptDirective(line, tags, fields[i].Text, timeout);
    }

    /// <summary><c>set:T</c>, or dnsmasq's older <c>net:T</c> where a tag is set.</summary>
    private static string? SetTag(string field) =>
        (field.StartsWith("set:", StringComparison.Ordinal) || field.StartsWith("net:", StringComparison.Ordinal)) && field.Length > 4 ? field[4..] : null;

    /// <summary>An option 93 value: decimal (<c>7</c>) or the option's two bytes in hex (<c>00:07</c>).</summary>
    private static ushort? ParseArch(string text)
    {
        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var parts = text.Split(':');
        return parts.Length == 2 && parts.All(p => p.Length == 2 && byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
            ? (ushort)((byte.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 8) | byte.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : null;
    }
}
