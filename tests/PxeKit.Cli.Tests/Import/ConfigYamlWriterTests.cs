using PxeKit.Cli.Config;
using PxeKit.Cli.Import;

namespace PxeKit.Cli.Tests.Import;

public sealed class ConfigYamlWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-import-yaml-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_yaml_written_is_read_back_by_pxekits_own_loader_key_for_key()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "interface=eth2",
            "dhcp-range=tag:eth1,10.1.0.100,10.1.0.150,12h",
            "dhcp-range=tag:eth2,10.2.0.100,10.2.0.150",
            "dhcp-host=52:54:00:00:00:01,10.1.0.10,null",
            "dhcp-host=52:54:00:00:00:02,set:rack1",
            "dhcp-option=tag:eth1,3,10.1.0.1",
            "dhcp-option=6,10.1.0.1",
            "dhcp-authoritative",
            "no-ping",
            "tftp-root=/srv/tftp",
            "tftp-max=40",
            "dhcp-match=set:efi64,option:client-arch,7",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:ipxe,boot.ipxe",
            "dhcp-boot=tag:efi64,tag:!ipxe,ipxe.efi",
            "dhcp-boot=tag:rack1,yes",
            "pxe-service=x86PC,\"Local\"",
            "dhcp-boot=pxelinux.0");

        var config = Load(ConfigYamlWriter.Write(imported, "t.conf"));
        Assert.NotNull(config.Interfaces);
        Assert.NotNull(config.Profiles);

        Assert.Equal(["eth1", "eth2"], config.Interfaces.Select(i => i.Name));
        Assert.Equal(("10.1.0.100-10.1.0.150", "12h", "10.1.0.1"), (config.Interfaces[0].Dhcp!.Range, config.Interfaces[0].Dhcp!.LeaseTime, config.Interfaces[0].Dhcp!.Router));
        var reservation = Assert.Single(config.Interfaces[0].Dhcp!.Reservations!);
        Assert.Equal(("52:54:00:00:00:01", "10.1.0.10", "null"), (reservation.Mac, reservation.Address, reservation.Hostname)); // quoted: not YAML's null
        Assert.Equal("10.2.0.100-10.2.0.150", config.Interfaces[1].Dhcp!.Range);
        Assert.Equal(["10.1.0.1"], config.Dhcp!.Dns!);
        Assert.Equal((true, false), (config.Dhcp.Authoritative, config.Dhcp.Probe));
        Assert.Equal(("/srv/tftp", "pxelinux.0", 40), (config.Root, config.Bootfile, config.Tftp!.MaxTransfers));
        Assert.Equal(["52:54:00:00:00:02"], config.Groups!["rack1"]);
        Assert.Equal(["pxe-x86pc", "rack1", "ipxe", "efi64"], config.Profiles.Select(p => p.Name));
        Assert.Equal(["0"], config.Profiles[0].Match!.Arch!);
        Assert.True(config.Profiles[0].Local);
        Assert.Equal("yes", config.Profiles[1].Boot); // a file named yes stays text
        Assert.Equal(["rack1"], config.Profiles[1].Match!.Group!);
        Assert.Equal("iPXE", config.Profiles[2].Match!.UserClass);
        Assert.Equal(["7"], config.Profiles[3].Match!.Arch!);
        Assert.Equal("ipxe.efi", config.Profiles[3].Boot);
    }

    [Fact]
    public void Options_are_written_as_the_reader_takes_them_and_load()
    {
        var imported = DnsmasqText.Map(
            "interface=eth1",
            "dhcp-range=10.1.0.100,10.1.0.150",
            "dhcp-option=option:ntp-server,10.1.0.5,10.1.0.6",
            "dhcp-option=15,lab.example",
            "dhcp-option-force=224,01:02",
            "dhcp-match=set:ipxe,175",
            "dhcp-boot=tag:ipxe,boot.ipxe",
            "dhcp-option=tag:ipxe,17,/srv/root");

        var yaml = ConfigYamlWriter.Write(imported, "t.conf");

        Assert.Contains("""
              options:
              - {code: 42, type: addresses, value: [10.1.0.5, 10.1.0.6]}
              - {code: 15, type: string, value: lab.example}
              - {code: 224, type: hex, value: '01:02', force: true}
            """.ReplaceLineEndings("\n"), yaml, StringComparison.Ordinal);
        Assert.Contains("""
              options:
              - {code: 17, type: string, value: /srv/root}
            """.ReplaceLineEndings("\n"), yaml, StringComparison.Ordinal);
        var config = Load(yaml);
        Assert.Equal("10.1.0.100-10.1.0.150", config.Dhcp!.Range);
        Assert.Equal([42, 15, 224], config.Dhcp.Options!.Select(o => o.Code ?? 0));
        Assert.Equal(["01:02"], config.Dhcp.Options![2].Value);
        var profile = Assert.Single(config.Profiles!);
        Assert.Equal("boot.ipxe", profile.Boot);
        Assert.Equal(17, Assert.Single(profile.Options!).Code);
    }

    [Fact]
    public void The_lines_left_are_comments_at_the_top()
    {
        var yaml = ConfigYamlWriter.Write(DnsmasqText.Map("interface=eth1", "dhcp-leasefile=/tmp/l"), "t.conf");

        Assert.StartsWith("# Converted from the dnsmasq configuration t.conf by pxekit import dnsmasq.\n# Not mapped (see docs/migrating.md):\n#   t.conf:2: dhcp-leasefile=/tmp/l -- PxeKit keeps", yaml, StringComparison.Ordinal);
        Assert.Equal("eth1", Load(yaml).Interface);
    }

    private string WriteFile(string yaml)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private PxeKitConfig Load(string yaml)
    {
        var errors = new List<string>();
        var config = ConfigFile.Load(WriteFile(yaml), errors);
        Assert.True(config is not null, string.Join("\n", errors) + "\n" + yaml);
        return config;
    }
}
