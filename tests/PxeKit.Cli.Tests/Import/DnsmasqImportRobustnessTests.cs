using PxeKit.Cli.Config;
using PxeKit.Cli.Import;

namespace PxeKit.Cli.Tests.Import;

/// <summary>Whatever a dnsmasq file says, the import never throws, and what it writes is YAML PxeKit's loader reads.</summary>
public sealed class DnsmasqImportRobustnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-import-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Pieces of real settings, to be joined at random: valid ones, broken ones, and odd characters.</summary>
    private static readonly string[] Names =
    [
        "interface", "dhcp-range", "dhcp-host", "dhcp-boot", "dhcp-match", "dhcp-userclass", "dhcp-vendorclass", "tag-if",
        "pxe-service", "pxe-prompt", "enable-tftp", "tftp-root", "dhcp-option", "dhcp-option-force", "domain", "tftp-max",
        "no-ping", "dhcp-authoritative", "bind-interfaces", "port", "log-dhcp", "cname", "", "conf-file",
    ];

    private static readonly string[] Fields =
    [
        "eth1", "eth2", "tag:eth1", "tag:!ipxe", "tag:ipxe", "set:ipxe", "set:lab", "net:red", "10.0.0.1", "10.0.0.100",
        "10.0.0.150", "255.255.255.0", "0.0.0.0", "proxy", "static", "12h", "infinite", "2w", "0", "7", "93", "175", "3", "6",
        "42", "119", "224", "option:router", "option:client-arch", "52:54:00:12:34:56", "52:54:00:*:*:*", "node1", "null",
        "yes", "\"quoted, text\"", "\"", "x86PC", "BC_EFI", "pxelinux", "ipxe.efi", "http://10.0.0.1/a b", "01:02:ff", "#",
        "id:01:02", "ignore", "enterprise:311", "vi-encap:1", "[::1]", "::1", "~", "'", "{", "}: x", "- y", "", "  ", "\\",
        "é", "65536", "-1",
    ];

    [Fact]
    public void A_thousand_random_configurations_map_and_their_yaml_loads()
    {
        var random = new Random(20261206);
        for (int round = 0; round < 1000; round++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 12)).Select(_ =>
            {
                var name = Names[random.Next(Names.Length)];
                int count = random.Next(0, 6);
                return count == 0 ? name : $"{name}={string.Join(",", Enumerable.Range(0, count).Select(_ => Fields[random.Next(Fields.Length)]))}";
            }).ToArray();
            var conf = Path.Combine(_dir, "dnsmasq.conf");
            File.WriteAllLines(conf, lines.Where(l => !l.StartsWith("conf-file", StringComparison.Ordinal)));

            var errors = new List<string>();
            var imported = DnsmasqImport.Convert(conf, errors);
            Assert.True(imported is not null, string.Join("\n", errors));
            var yaml = ConfigYamlWriter.Write(imported, conf);
            var written = Path.Combine(_dir, "pxekit.yaml");
            File.WriteAllText(written, yaml);

            Assert.True(ConfigFile.Load(written, errors) is not null, $"{string.Join("\n", lines)}\n---\n{yaml}\n---\n{string.Join("\n", errors)}");
        }
    }
}
