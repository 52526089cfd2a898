using PxeKit.Server.Boot;

namespace PxeKit.Cli.Tests.Config;

/// <summary>A kernel profile's <c>chain:</c> (issue 16): <c>shim</c> boots through shim, GRUB and a generated grub.cfg over TFTP.</summary>
public sealed class ChainSettingsTests : IDisposable
{
    private readonly YamlSettings _yaml = new();

    [Fact]
    public void Chain_shim_loads_with_shim_and_grub_at_the_root_and_needs_no_http_server()
    {
        foreach (var file in new[] { "vmlinuz", "initrd.gz", "shimx64.efi", "grubx64.efi" })
        {
            _yaml.File(file);
        }

        var settings = _yaml.Build("""
            http: { port: 0 }
            profiles:
              - { name: secure, kernel: vmlinuz, initrd: [initrd.gz], cmdline: console=ttyS0, chain: shim }
              - { name: plain, kernel: vmlinuz, chain: ipxe, match: { arch: [bios] } }
            """, out var errors);

        // The plain profile still needs HTTP (iPXE's script): only it is named.
        Assert.Null(settings);
        Assert.Single(errors, e => e.Contains("(plain)", StringComparison.Ordinal) && e.Contains("http.port 0", StringComparison.Ordinal));

        settings = _yaml.Build("""
            profiles:
              - { name: secure, kernel: vmlinuz, initrd: [initrd.gz], cmdline: console=ttyS0, chain: shim }
            """, out errors);
        Assert.Empty(errors);
        Assert.Equal(BootChain.Shim, Assert.Single(settings!.Profiles).Chain);
        Assert.DoesNotContain(settings.Warnings, w => w.Contains("chainloaded into iPXE", StringComparison.Ordinal)); // no iPXE in the root, none needed
    }

    [Fact]
    public void Every_mistake_with_chain_is_named()
    {
        _yaml.File("vmlinuz");
        _yaml.File("pxelinux.0");

        Assert.Null(_yaml.Build("""
            profiles:
              - { name: nofiles, kernel: vmlinuz, chain: shim }
              - { name: program, boot: pxelinux.0, chain: shim }
              - { name: other, kernel: vmlinuz, chain: grub }
            """, out var errors));

        Assert.Contains(errors, e => e.Contains("(nofiles): chain: shim boots through shim and GRUB from the root", StringComparison.Ordinal)
            && e.Contains("neither shimx64.efi with grubx64.efi nor shimaa64.efi with grubaa64.efi", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(program): chain goes with kernel", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("(other): chain 'grub' is not ipxe or shim", StringComparison.Ordinal));
    }

    [Fact]
    public void The_lab_console_recognises_the_line_the_generated_grub_cfg_echoes_before_the_kernel()
    {
        Assert.Equal(GrubConfig.LoadingMessage + " ", PxeKit.Lab.Qemu.ConsoleMilestones.ShimChainGrubLoading);
    }

    public void Dispose() => _yaml.Dispose();
}
