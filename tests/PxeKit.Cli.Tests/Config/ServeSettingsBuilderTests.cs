using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Core.Net;

namespace PxeKit.Cli.Tests.Config;

public sealed class ServeSettingsBuilderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-settings-").FullName;

    private static InterfaceAddress? Lab0(string name) => name == "lab0"
        ? new InterfaceAddress("lab0", IPAddress.Parse("10.47.0.1"), IPAddress.Parse("255.255.255.0"), true)
        : null;

    [Fact]
    public void Without_a_range_the_upper_half_of_the_subnet_is_served()
    {
        var errors = new List<string>();
        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { Interfaces = ["lab0"], Root = _root }, errors);

        Assert.Empty(errors);
        Assert.Equal(IPAddress.Parse("10.47.0.128"), settings!.Scopes[0].RangeStart);
        Assert.Equal(IPAddress.Parse("10.47.0.254"), settings.Scopes[0].RangeEnd);
        Assert.Equal(TimeSpan.FromHours(1), settings.Scopes[0].LeaseTime);
    }

    [Fact]
    public void The_command_line_wins_over_the_file()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\ndhcp:\n  range: 10.47.0.10-10.47.0.20\n  lease-time: 30m\n");
        var errors = new List<string>();

        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config, DhcpRange = "10.47.0.50-10.47.0.60" }, errors);

        Assert.Empty(errors);
        Assert.Equal(IPAddress.Parse("10.47.0.50"), settings!.Scopes[0].RangeStart);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.Scopes[0].LeaseTime);
    }

    [Fact]
    public void A_range_off_the_subnet_and_a_missing_boot_file_are_both_reported()
    {
        var errors = new List<string>();
        var settings = new ServeSettingsBuilder(Lab0).Build(
            new ServeArguments { Interfaces = ["lab0"], Root = _root, DhcpRange = "192.168.1.10-192.168.1.20", BootFile = "pxelinux.0" }, errors);

        Assert.Null(settings);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("not on the subnet of lab0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("the boot file pxelinux.0 is not in the root", StringComparison.Ordinal));
    }

    [Fact]
    public void A_relayed_subnet_becomes_its_own_scope_and_its_mistakes_are_named()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\ndhcp:\n  relayed:\n    - subnet: 10.60.0.0/24\n      range: 10.60.0.100-10.60.0.150\n      router: 10.60.0.1\n    - subnet: 10.61.0.0/24\n      range: 10.62.0.1-10.62.0.9\n    - subnet: 10.47.0.0/24\n      range: 10.47.0.2-10.47.0.3\n");
        var errors = new List<string>();

        new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors);

        Assert.Equal(["dhcp.relayed[2]: the range 10.62.0.1-10.62.0.9 is not in 10.61.0.0/24", "dhcp.relayed[3]: 10.47.0.0/24 is the interface's own subnet, which needs no relay"], errors);

        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\ndhcp:\n  relayed:\n    - subnet: 10.60.0.0/24\n      range: 10.60.0.100-10.60.0.150\n      router: 10.60.0.1\n");
        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors = []);
        Assert.Empty(errors);
        var relayed = settings!.Scopes[1];
        Assert.Equal(IPAddress.Parse("10.60.0.0"), relayed.RelayedNetwork);
        Assert.True(relayed.OnSubnet(IPAddress.Parse("10.60.0.1")));
        Assert.False(relayed.OnSubnet(IPAddress.Parse("10.47.0.1")));
        Assert.Equal(IPAddress.Parse("10.47.0.1"), relayed.ServerAddress);
    }

    [Fact]
    public void A_scope_is_not_authoritative_unless_the_file_says_so_and_a_relayed_scope_follows_it()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\n");
        var errors = new List<string>();
        Assert.False(new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors)!.Scopes[0].Authoritative);

        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\ndhcp:\n  authoritative: true\n  relayed:\n    - subnet: 10.60.0.0/24\n      range: 10.60.0.100-10.60.0.150\n");
        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors);

        Assert.Empty(errors);
        Assert.All(settings!.Scopes, scope => Assert.True(scope.Authoritative));
    }

    [Fact]
    public void A_boot_file_name_too_long_for_any_reply_is_refused_in_one_sentence_with_the_other_errors()
    {
        string name = new('b', 230);
        File.WriteAllText(Path.Combine(_root, name), "boot");
        File.WriteAllText(Path.Combine(_root, "short.efi"), "boot");
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\nprofiles:\n  - name: long\n    boot: {name}\n  - name: fine\n    boot: short.efi\n");
        var errors = new List<string>();

        new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config, DhcpRange = "192.168.1.10-192.168.1.20" }, errors);

        var refusal = Assert.Single(errors, e => e.Contains("too long for any DHCP reply", StringComparison.Ordinal));
        Assert.StartsWith("profiles[1] (long): boot:", refusal, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Contains("not on the subnet of lab0", StringComparison.Ordinal)); // reported together
    }

    [Fact]
    public void The_interfaces_scope_probes_before_offering_unless_the_file_says_not_and_a_relayed_scope_never_does()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\ndhcp:\n  relayed:\n    - subnet: 10.60.0.0/24\n      range: 10.60.0.100-10.60.0.150\n");
        var errors = new List<string>();
        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors)!;
        Assert.Empty(errors);
        Assert.Equal([true, false], settings.Scopes.Select(s => s.ProbeBeforeOffer));

        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\ndhcp:\n  probe: false\n");
        Assert.False(new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors)!.Scopes[0].ProbeBeforeOffer);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("12h", 43200)]
    [InlineData("7d", 604800)]
    [InlineData("0", -1)]
    [InlineData("-5m", -1)]
    [InlineData("1w", -1)]
    [InlineData("", -1)]
    public void Durations_parse(string text, int seconds)
    {
        bool ok = Durations.TryParse(text, out var duration);
        Assert.Equal(seconds >= 0, ok);
        if (ok)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        }
    }

    [Fact]
    public void A_profile_that_sends_ipxe_to_ipxe_itself_is_warned_about_as_a_chainload_loop()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(Path.Combine(_root, "undionly.kpxe"), "ipxe");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\nprofiles:\n  - name: everyone\n    boot: undionly.kpxe\n");
        var errors = new List<string>();

        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors);

        Assert.Empty(errors);
        var warning = Assert.Single(settings!.Warnings);
        Assert.StartsWith("profile 'everyone' boots iPXE (undionly.kpxe) and also matches iPXE's own DHCP requests", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_for_ipxe_requests_ahead_of_the_one_sending_ipxe_is_no_loop()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(Path.Combine(_root, "undionly.kpxe"), "ipxe");
        File.WriteAllText(Path.Combine(_root, "menu.ipxe"), "#!ipxe");
        File.WriteAllText(config, $"interface: lab0\nroot: {_root}\nprofiles:\n  - name: ipxe\n    match: {{ user-class: iPXE }}\n    boot: menu.ipxe\n  - name: everyone\n    boot: undionly.kpxe\n");
        var errors = new List<string>();

        var settings = new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = config }, errors);

        Assert.Empty(errors);
        Assert.Empty(settings!.Warnings);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
