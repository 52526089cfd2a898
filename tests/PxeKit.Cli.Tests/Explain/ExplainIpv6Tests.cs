namespace PxeKit.Cli.Tests.Explain;

/// <summary><c>pxekit explain --ipv6</c>: the DHCPv6 answer serve's own handler gives a described client, with no client and no network.</summary>
public sealed class ExplainIpv6Tests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-explain6-").FullName;
    private readonly string _config;

    public ExplainIpv6Tests()
    {
        foreach (var file in new[] { "pxelinux.0", "vmlinuz", "initrd.gz", "ipxe.efi", "undionly.kpxe" })
        {
            File.WriteAllText(Path.Combine(_root, file), file);
        }

        _config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(_config, $"""
            root: {_root}
            dhcp6:
              range: fd00:47::100-fd00:47::1ff
            profiles:
              - name: bios
                match: {"{"} arch: [bios] {"}"}
                boot: pxelinux.0
              - name: linux
                match: {"{"} arch: [uefi-x64, uefi-x64-http] {"}"}
                kernel: vmlinuz
                initrd: [initrd.gz]
            """);
    }

    private Task<Sh.Result> ExplainAsync(params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "explain", "--config", _config, "--server-address", "10.47.0.1/24", "--ipv6", .. arguments], TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_uefi_client_gets_an_address_from_the_range_and_ipxe_efi_by_tftp_on_the_servers_ipv6_address()
    {
        var result = await ExplainAsync("--server-address6", "fd00:47::1", "--mac", "52:54:00:12:34:56");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Client 52:54:00:12:34:56 (DUID 00:03:00:01:52:54:00:12:34:56)", result.Output, StringComparison.Ordinal);
        Assert.Contains("bios: no: arch 7 is not one of 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("=> linux: matches, chosen", result.Output, StringComparison.Ordinal);
        Assert.Contains("Advertise", result.Output, StringComparison.Ordinal);
        Assert.Contains("fd00:47::1", result.Output, StringComparison.Ordinal);
        Assert.Contains("tftp://[fd00:47::1]/ipxe.efi", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"fd00:47::1[0-9a-f]{2}\b", result.Output);
    }

    [Fact]
    public async Task Ipxe_over_ipv6_gets_its_script_url_on_the_http_server()
    {
        var result = await ExplainAsync("--server-address6", "fd00:47::1", "--mac", "52:54:00:12:34:56", "--user-class", "iPXE");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("running iPXE", result.Output, StringComparison.Ordinal);
        Assert.Contains("http://[fd00:47::1]/boot.ipxe?mac=52:54:00:12:34:56&arch=7", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_dhcp6_section_or_with_a_link_local_address_the_command_says_so()
    {
        File.WriteAllText(_config, $"root: {_root}\nprofiles:\n  - name: any\n    boot: ipxe.efi\n");

        var noDhcp6 = await ExplainAsync("--server-address6", "fd00:47::1", "--mac", "52:54:00:12:34:56");
        var linkLocal = await ExplainAsync("--server-address6", "fe80::1", "--mac", "52:54:00:12:34:56");
        var relayed = await ExplainAsync("--server-address6", "fd00:47::1", "--mac", "52:54:00:12:34:56", "--relay", "10.0.0.1");

        Assert.NotEqual(0, noDhcp6.ExitCode);
        Assert.Contains("no dhcp6: section", noDhcp6.All, StringComparison.Ordinal);
        Assert.Contains("--server-address6 'fe80::1' is not a global or unique-local IPv6 address", linkLocal.All, StringComparison.Ordinal);
        Assert.Contains("--relay describes a DHCPv4 client", relayed.All, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
