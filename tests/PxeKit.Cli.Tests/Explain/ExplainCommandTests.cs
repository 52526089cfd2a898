namespace PxeKit.Cli.Tests.Explain;

/// <summary><c>pxekit explain</c>: the profile and the exact reply, with no client and no network.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-explain-").FullName;
    private readonly string _config;

    public ExplainCommandTests()
    {
        foreach (var file in new[] { "pxelinux.0", "vmlinuz", "initrd.gz", "ipxe.efi", "undionly.kpxe" })
        {
            File.WriteAllText(Path.Combine(_root, file), file);
        }

        _config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(_config, $"""
            root: {_root}
            groups:
              lab: [52:54:00:00:00:09]
            profiles:
              - name: one-machine
                match: {"{"} group: [lab] {"}"}
                local: true
              - name: bios
                match: {"{"} arch: [bios] {"}"}
                boot: pxelinux.0
              - name: linux
                match: {"{"} arch: [uefi-x64, uefi-x64-http] {"}"}
                kernel: vmlinuz
                initrd: [initrd.gz]
                cmdline: console=ttyS0
            """);
    }

    private Task<Sh.Result> ExplainAsync(params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "explain", "--config", _config, "--server-address", "10.47.0.1/24", .. arguments], TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_uefi_pxe_rom_is_chainloaded_into_ipxe_and_each_profile_says_why()
    {
        var result = await ExplainAsync("--mac", "52:54:00:12:34:56", "--arch", "uefi-x64");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("one-machine: no: 52:54:00:12:34:56 is not among its 1 MAC(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("bios: no: arch 7 is not one of 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("=> linux: matches, chosen", result.Output, StringComparison.Ordinal);
        Assert.Contains("yiaddr=10.47.0.128 siaddr=10.47.0.1", result.Output, StringComparison.Ordinal);
        Assert.Contains("file=\"ipxe.efi\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ipxe_gets_the_script_url_and_the_script_is_shown()
    {
        var result = await ExplainAsync("--mac", "52:54:00:12:34:56", "--arch", "7", "--user-class", "iPXE");

        Assert.Contains("file=\"http://10.47.0.1/boot.ipxe?mac=52:54:00:12:34:56&arch=7\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("kernel vmlinuz initrd=initrd.gz console=ttyS0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_boot_client_in_proxy_mode_gets_a_url_no_address_and_HTTPClient()
    {
        var result = await ExplainAsync("--mac", "52:54:00:12:34:56", "--arch", "uefi-x64-http", "--proxy");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("yiaddr=0.0.0.0", result.Output, StringComparison.Ordinal);
        Assert.Contains("file=\"http://10.47.0.1/ipxe.efi\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("option 60 VendorClassIdentifier: \"HTTPClient\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_no_profile_takes_gets_no_boot_file_and_a_relay_from_nowhere_no_reply()
    {
        var arm = await ExplainAsync("--mac", "52:54:00:12:34:56", "--arch", "arm64", "--proxy");
        Assert.Equal(1, arm.ExitCode);
        Assert.Contains("No reply: no profile matches this client", arm.Output, StringComparison.Ordinal);

        var relayed = await ExplainAsync("--mac", "52:54:00:12:34:56", "--relay", "172.16.5.1");
        Assert.Equal(1, relayed.ExitCode);
        Assert.Contains("No reply: no scope serves relay 172.16.5.1", relayed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_client_descriptions_are_all_named()
    {
        var result = await ExplainAsync("--mac", "nope", "--arch", "sparc", "--relay", "x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--mac 'nope'", result.Error, StringComparison.Ordinal);
        Assert.Contains("--arch 'sparc'", result.Error, StringComparison.Ordinal);
        Assert.Contains("--relay 'x'", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
