using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit serve</c> with <c>dhcp6:</c> and <c>router-advertisements: managed</c> (issue 16) as a user runs it, served as
/// nobody: the client's kernel learns the prefix on-link from the advertisement, ISC dhclient -6 gets an address from the
/// range and the boot file URL, and curl fetches that file over TFTP on IPv6 from the address the URL names, and from the
/// server's link-local address with the client's zone, over TFTP and HTTP; IPv4 is served
/// beside it as before, from the same lease database.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeDhcp6Tests : IAsyncLifetime
{
    private const string ServerAddress = "fd00:48::1";
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-dhcp6-serve-").FullName;
    private VethNetwork _net = null!;

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "ipxe.efi"), "an EFI program");
        File.SetUnixFileMode(Path.Combine(_root, "ipxe.efi"), (UnixFileMode)0b110_100_100);
        Directory.CreateDirectory(Path.Combine(_root, "state"));
        File.SetUnixFileMode(Path.Combine(_root, "state"), (UnixFileMode)0b111_111_111);
        _net = await VethNetwork.CreateAsync();
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "add", ServerAddress + "/64", "dev", _net.ServerInterface, "nodad");

        // dhclient -6 binds the client's link-local address: it must be past duplicate address detection.
        await Eventually.HoldsAsync(
            async () => await Sh.RunAsync("ip", "-n", _net.ClientNamespace, "-6", "addr", "show", "dev", _net.ClientInterface, "scope", "link", "-tentative") is { Output: var up }
                && up.Contains("fe80::", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["dhclient", "curl", "busybox"])]
    public async Task Dhclient_gets_an_address_and_the_boot_url_and_fetches_the_file_over_tftp_on_ipv6()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        await File.WriteAllTextAsync(config, """
            router-advertisements: managed
            dhcp6:
              range: fd00:48::100-fd00:48::1ff
            profiles:
              - name: uefi
                boot: ipxe.efi
            """);
        await using var serve = await ServeProcess.StartAsync(
            _net.ServerNamespace, "--interface", _net.ServerInterface, "--root", _root, "--config", config,
            "--dhcp-range", "10.48.0.100-10.48.0.110", "--lease-db", Path.Combine(_root, "state", "leases.db"), "--user", "nobody");

        var (address, url) = await Dhclient6.RunAsync(_net.ClientNamespace, _net.ClientInterface, _root, () => serve.Output + serve.Error);

        Assert.StartsWith("fd00:48::1", address, StringComparison.Ordinal);
        Assert.Equal($"tftp://[{ServerAddress}]/ipxe.efi", url);
        // As a client's own DHCPv6 code would: the address on its interface (a /128), the prefix on-link from the advertisement.
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "-6", "addr", "add", address + "/128", "dev", _net.ClientInterface, "nodad");
        await Eventually.HoldsAsync(
            async () => (await Sh.RunAsync("ip", "-n", _net.ClientNamespace, "-6", "route", "show", "fd00:48::/64")).Output.Contains("fd00:48::/64", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        var fetched = Path.Combine(_root, "fetched.efi");
        var got = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(20), "curl", "-s", "-S", url, "-o", fetched);
        Assert.True(got.ExitCode == 0, got.All);
        Assert.Equal("an EFI program", await File.ReadAllTextAsync(fetched));
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.TftpComplete && e.Address!.StartsWith("fd00:48::", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));
        Assert.Contains(serve.Events, e => e.Step == BootStep.Dhcp6Reply && e.Address == address);

        // TFTP and HTTP answer on the server's link-local address too, named with the client's zone, as a client with
        // only a link-local address of its own would ask.
        var linkLocal = System.Text.RegularExpressions.Regex.Match(
            (await Sh.RunAsync("ip", "-n", _net.ServerNamespace, "-6", "addr", "show", "dev", _net.ServerInterface, "scope", "link")).Output, @"inet6 (fe80::[0-9a-f:]+)/").Groups[1].Value;
        Assert.NotEmpty(linkLocal);
        var viaLinkLocal = Path.Combine(_root, "fetched-link-local.efi");
        var gotLinkLocal = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(20), "curl", "-s", "-S", $"tftp://[{linkLocal}%25{_net.ClientInterface}]/ipxe.efi", "-o", viaLinkLocal);
        Assert.True(gotLinkLocal.ExitCode == 0, gotLinkLocal.All);
        Assert.Equal("an EFI program", await File.ReadAllTextAsync(viaLinkLocal));
        var overHttp = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(20), "curl", "-s", "-S", "-g", $"http://[{linkLocal}%25{_net.ClientInterface}]/ipxe.efi");
        Assert.True(overHttp.ExitCode == 0, overHttp.All);
        Assert.Equal("an EFI program", overHttp.Output);

        // IPv4 beside it, from the same lease database.
        Assert.NotNull(await _net.UdhcpcAsync(_root));
        Assert.False(serve.HasExited, serve.Error);
    }
}
