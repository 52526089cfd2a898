namespace PxeKit.Cli.Tests.Explain;

/// <summary><c>pxekit explain</c> for a machine a <c>chain: shim</c> profile boots: shim as its boot file, and the grub.cfg it will read.</summary>
public sealed class ExplainSecureBootTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-explain-sb-").FullName;
    private readonly string _config;

    public ExplainSecureBootTests()
    {
        foreach (var file in new[] { "shimx64.efi", "grubx64.efi", "vmlinuz", "initrd.gz" })
        {
            File.WriteAllText(Path.Combine(_root, file), "");
        }

        _config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(_config, $$"""
            root: {{_root}}
            profiles:
              - { name: secure, match: { arch: [uefi-x64] }, kernel: vmlinuz, initrd: [initrd.gz], cmdline: console=ttyS0, chain: shim }
            """);
    }

    [Fact]
    public async Task A_uefi_machine_is_offered_shim_and_shown_the_grub_configuration_it_will_read()
    {
        var result = await Sh.RunAsync(
            "dotnet",
            [ServeProcess.PxekitDll, "explain", "--config", _config, "--server-address", "10.47.0.1/24", "--mac", "52:54:00:12:34:56", "--arch", "7"],
            TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("=> secure: matches, chosen", result.Output, StringComparison.Ordinal);
        Assert.Contains("file=\"shimx64.efi\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("The GRUB configuration shim's GRUB will read (grub/grub.cfg-01-52:54:00:12:34:56, over TFTP):", result.Output, StringComparison.Ordinal);
        Assert.Contains("linux '/vmlinuz' 'console=ttyS0'\ninitrd '/initrd.gz'\nboot\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
