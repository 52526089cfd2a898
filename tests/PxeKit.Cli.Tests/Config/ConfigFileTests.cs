using System.Text.Json;
using PxeKit.Cli.Config;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PxeKit.Cli.Tests.Config;

/// <summary>
/// The hand-written loader (the one a Native AOT build can run) against YamlDotNet's reflection
/// deserializer, which the loader used before: the same files must give the same configuration.
/// </summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("pxekit-configfile-").FullName, "pxekit.yaml");

    public static TheoryData<string> Files => new()
    {
        "",
        "~\n",
        "---\n",
        "interface: eth1\nroot: /srv/tftp\nbootfile: pxelinux.0\nlease-db: ':memory:'\nmode: proxy\n",
        "dhcp:\n",
        "dhcp:\n  range: 10.0.0.10-10.0.0.20\n  lease-time: 12h\n  router: 10.0.0.1\n  dns: [10.0.0.1, 10.0.0.2]\n  rate-limit: 2.5\n  authoritative: yes\n"
            + "  reservations:\n    - mac: 52:54:00:12:34:56\n      address: 10.0.0.10\n      hostname: node1\n    - mac: 52:54:00:12:34:57\n"
            + "  relayed:\n    - subnet: 10.60.0.0/24\n      range: 10.60.0.100-10.60.0.150\n      router: 10.60.0.1\n      dns: [10.60.0.1]\n",
        "tftp:\n  allow-write: yes\nhttp:\n  port: 8080\nipxe:\n  bios: undionly.kpxe\n  uefi-x64: ipxe.efi\n  arm64: ipxe-arm64.efi\n",
        "tftp: { allow-write: Off }\nhttp: { port: ~ }\n",
        "tftp:\n  max-transfers: 200\n  max-transfers-per-client: 8\n  transfer-lifetime: 5m\n  max-timeout: 4s\n",
        "groups:\n  rack1: [52:54:00:00:01:01, 52:54:00:00:01:02]\n  empty:\n",
        "profiles:\n  - name: reinstall\n    match: { group: [rack1], arch: [bios, 7], vendor-class: PXEClient, user-class: iPXE, mac: ['52:54:00:00:01:01'] }\n"
            + "    kernel: debian/vmlinuz\n    initrd: [debian/initrd.gz, ~]\n    cmdline: |\n      auto=true priority=critical\n    once: true\n"
            + "  - name: disk\n    local: TRUE\n  - name: 'null'\n    boot: \"null\"\n",
        "root: &r /srv/tftp\nbootfile: *r\ndhcp: { router: null, dns: [] }\n",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_gives_what_the_reflection_deserializer_gave(string yaml)
    {
        File.WriteAllText(_path, yaml);
        var errors = new List<string>();

        var loaded = ConfigFile.Load(_path, errors);

        Assert.Empty(errors);
        var reflected = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance).Build()
            .Deserialize<PxeKitConfig?>(yaml) ?? new PxeKitConfig();
        Assert.Equal(JsonSerializer.Serialize(reflected), JsonSerializer.Serialize(loaded));
    }

    [Theory]
    [InlineData("interface: lo\nroot: /tmp\ndhcp:\n  rnage: 1.2.3.4-1.2.3.5\n", "line 4, column 3: unknown key 'rnage'")]
    [InlineData("interfacez: lo\n", "line 1, column 1: unknown key 'interfacez'")]
    [InlineData("interfaces: lo\n", "line 1, column 13")]
    [InlineData("profiles:\n  - name: a\n    match: { arhc: [bios] }\n", "line 3, column 14: unknown key 'arhc'")]
    [InlineData("http:\n  port: eighty\n", "line 2, column 9: 'eighty' is not a whole number")]
    [InlineData("tftp:\n  allow-write: maybe\n", "line 2, column 16: 'maybe' is not true or false")]
    [InlineData("tftp:\n  max-transfers: many\n", "line 2, column 18: 'many' is not a whole number")]
    [InlineData("tftp:\n  max-transfer: 5\n", "line 2, column 3: unknown key 'max-transfer'")]
    [InlineData("dhcp:\n  dns: 10.0.0.1\n", "line 2, column 8: '10.0.0.1' is not a list")]
    [InlineData("dhcp: [a, b]\n", "line 1, column 7: expected a mapping of keys to values here")]
    [InlineData("interface: [eth0]\n", "line 1, column 12: expected a single value here")]
    [InlineData("interface: lo\n---\ninterface: eth0\n", "line 3, column 1: the file holds more than one YAML document")]
    [InlineData("dhcp:\n  range: [\n", "line 3, column 1:")]
    public void A_mistake_is_named_with_its_line_and_column(string yaml, string expected)
    {
        File.WriteAllText(_path, yaml);
        var errors = new List<string>();

        Assert.Null(ConfigFile.Load(_path, errors));

        var error = Assert.Single(errors);
        Assert.StartsWith($"{_path}, {expected}", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
}
