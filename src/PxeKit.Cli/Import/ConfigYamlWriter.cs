using System.Globalization;
using PxeKit.Cli.Config;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PxeKit.Cli.Import;

/// <summary>
/// Writes an imported configuration as <c>pxekit.yaml</c>, keys in the order docs/configuration.md shows them, with the
/// lines left behind as comments at the top. Built as YAML nodes so that quoting is YamlDotNet's, never ours.
/// </summary>
public static class ConfigYamlWriter
{
    public static string Write(ImportedConfig imported, string source)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"# Converted from the dnsmasq configuration {source} by pxekit import dnsmasq.");
        if (imported.Unmapped.Count > 0)
        {
            text.WriteLine("# Not mapped (see docs/migrating.md):");
            foreach (var left in imported.Unmapped)
            {
                text.WriteLine($"#   {left.Line.File}:{left.Line.Number}: {OneLine(left.Line.ToString())} -- {left.Reason}");
            }
        }

        var root = Root(imported);
        if (root.Children.Count > 0)
        {
            var stream = new YamlStream(new YamlDocument(root));
            var yaml = new StringWriter(CultureInfo.InvariantCulture);
            stream.Save(yaml, assignAnchors: false);
            var body = yaml.ToString().ReplaceLineEndings("\n");
            text.Write(body.EndsWith("...\n", StringComparison.Ordinal) ? body[..^4] : body);
        }

        return text.ToString().ReplaceLineEndings("\n");
    }

    private static YamlMappingNode Root(ImportedConfig imported)
    {
        var config = imported.Config;
        var root = new YamlMappingNode();
        Add(root, "interface", config.Interface);
        if (config.Interfaces is { } nics)
        {
            var list = new YamlSequenceNode();
            foreach (var nic in nics)
            {
                var entry = new YamlMappingNode();
                Add(entry, "name", nic.Name);
                Add(entry, "dhcp", nic.Dhcp is null ? null : Dhcp(nic.Dhcp, imported));
                Add(entry, "profiles", nic.Profiles is null ? null : Profiles(nic.Profiles, imported));
                list.Add(entry);
            }

            root.Add("interfaces", list);
        }

        Add(root, "root", config.Root);
        Add(root, "bootfile", config.Bootfile);
        Add(root, "mode", config.Mode);
        Add(root, "dhcp", config.Dhcp is null ? null : Dhcp(config.Dhcp, imported));
        if (config.Tftp?.MaxTransfers is { } max)
        {
            root.Add("tftp", new YamlMappingNode { { "max-transfers", Number(max) } });
        }

        if (config.Groups is { Count: > 0 } groups)
        {
            var node = new YamlMappingNode();
            foreach (var (name, macs) in groups)
            {
                node.Add(Scalar(name), Flow(macs));
            }

            root.Add("groups", node);
        }

        Add(root, "profiles", config.Profiles is null ? null : Profiles(config.Profiles, imported));
        return root;
    }

    private static YamlMappingNode Dhcp(DhcpSection dhcp, ImportedConfig imported)
    {
        var node = new YamlMappingNode();
        Add(node, "range", dhcp.Range);
        Add(node, "lease-time", dhcp.LeaseTime);
        Add(node, "router", dhcp.Router);
        Add(node, "dns", dhcp.Dns is null ? null : Flow(dhcp.Dns));
        if (dhcp.Reservations is { } reservations)
        {
            var list = new YamlSequenceNode();
            foreach (var reservation in reservations)
            {
                var entry = new YamlMappingNode { Style = MappingStyle.Flow };
                Add(entry, "mac", reservation.Mac);
                Add(entry, "address", reservation.Address);
                Add(entry, "hostname", reservation.Hostname);
                list.Add(entry);
            }

            node.Add("reservations", list);
        }

        Add(node, "authoritative", dhcp.Authoritative is { } authoritative ? Flag(authoritative) : null);
        Add(node, "probe", dhcp.Probe is { } probe ? Flag(probe) : null);
        Add(node, "options", Options(imported.OptionsOf(dhcp)));
        return node;
    }

    private static YamlSequenceNode Profiles(List<ProfileSection> profiles, ImportedConfig imported)
    {
        var list = new YamlSequenceNode();
        foreach (var profile in profiles)
        {
            var entry = new YamlMappingNode();
            Add(entry, "name", profile.Name);
            if (profile.Match is { } match)
            {
                var node = new YamlMappingNode { Style = MappingStyle.Flow };
                Add(node, "arch", match.Arch is null ? null : Flow(match.Arch));
                Add(node, "vendor-class", match.VendorClass);
                Add(node, "user-class", match.UserClass);
                Add(node, "group", match.Group is null ? null : Flow(match.Group));
                Add(node, "interface", match.Interface is null ? null : Flow(match.Interface));
                entry.Add("match", node);
            }

            Add(entry, "boot", profile.Boot);
            Add(entry, "local", profile.Local is { } local ? Flag(local) : null);
            Add(entry, "options", Options(imported.OptionsOf(profile)));
            list.Add(entry);
        }

        return list;
    }

    /// <summary><c>options: [ { code: 42, type: addresses, value: [10.0.0.1] }, ... ]</c>, one entry a line.</summary>
    private static YamlSequenceNode? Options(IReadOnlyList<ImportedOption> options)
    {
        if (options.Count == 0)
        {
            return null;
        }

        var list = new YamlSequenceNode();
        foreach (var option in options)
        {
            var entry = new YamlMappingNode { Style = MappingStyle.Flow };
            entry.Add("code", Number(option.Code));
            entry.Add("type", option.TypeName);
            entry.Add("value", option.IsList ? Flow(option.Values) : Scalar(option.Values[0]));
            if (option.Force)
            {
                entry.Add("force", Flag(true));
            }

            list.Add(entry);
        }

        return list;
    }

    private static void Add(YamlMappingNode node, string key, string? value)
    {
        if (value is not null)
        {
            node.Add(key, Scalar(value));
        }
    }

    private static void Add(YamlMappingNode node, string key, YamlNode? value)
    {
        if (value is not null)
        {
            node.Add(key, value);
        }
    }

    private static YamlSequenceNode Flow(IEnumerable<string> values)
    {
        var list = new YamlSequenceNode { Style = SequenceStyle.Flow };
        foreach (var value in values)
        {
            list.Add(Scalar(value));
        }

        return list;
    }

    /// <summary>Text that a YAML reader would take for null, a flag or a number is quoted, so it stays text.</summary>
    private static YamlScalarNode Scalar(string value)
    {
        var node = new YamlScalarNode(value);
        if (value.Length == 0 || value.Trim() != value || value is "~" || value.ToUpperInvariant() is "NULL" or "TRUE" or "FALSE" or "YES" or "NO" or "Y" or "N" or "ON" or "OFF")
        {
            node.Style = ScalarStyle.DoubleQuoted;
        }

        return node;
    }

    private static YamlScalarNode Number(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static YamlScalarNode Flag(bool value) => new(value ? "true" : "false");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
