using System.Text.RegularExpressions;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// <c>pxekit boot --secure-boot</c> (issue 16): OVMF's Secure Boot build with Microsoft's keys boots through Debian's signed
/// shim, GRUB and kernel from a <c>chain: shim</c> profile; an unsigned program (Debian's ipxe.efi) is refused and named.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SecureBootTests
{
    private const string SecureCode = "/usr/share/OVMF/OVMF_CODE_4M.ms.fd";
    private const string SecureVars = "/usr/share/OVMF/OVMF_VARS_4M.ms.fd";

    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    [HostFact(Files = [SecureCode, SecureVars])]
    public async Task Secure_boot_firmware_boots_shim_then_grub_then_the_signed_kernel_to_the_marker()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--secure-boot", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("Cause:", result.All, StringComparison.Ordinal);
        Assert.Matches(@"boot shimx64\.efi[\s\S]*tftp-complete\s+shimx64\.efi[\s\S]*tftp-complete\s+grubx64\.efi", result.Output);
        Assert.Matches(@"tftp-complete\s+/grub/grub\.cfg-01-52:54:00:12:34:56[\s\S]*tftp-complete\s+/vmlinuz[\s\S]*tftp-complete\s+/initrd\.gz", result.Output);
        Assert.Matches(@"GRUB: profile lab-secure-boot boots vmlinuz on 52:54:00:12:34:56", result.Output);
        Assert.Matches(@"Linux EFI stub: UEFI Secure Boot is enabled\.[\s\S]*kernel\s+Linux[\s\S]*marker", result.Output);
        Assert.DoesNotMatch("tftp-complete\\s+ipxe\\.efi", result.Output);
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [HostFact(Files = [SecureCode, SecureVars])]
    public async Task An_unsigned_ipxe_efi_is_refused_by_secure_boot_firmware_and_the_boot_names_the_fault_and_the_fix()
    {
        // The refusal comes about 9 s after power-on; 60 s leaves room for a loaded machine.
        var result = await PxekitAsync(TimeSpan.FromSeconds(180), "boot", "--secure-boot", "--bootfile", "ipxe.efi", "--timeout", "60");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Matches(@"tftp-complete\s+ipxe\.efi[\s\S]*console-error\s+UEFI Secure Boot refused the program of Boot0001", result.Output);
        Assert.True(
            result.Output.Contains(
                "Cause: 52:54:00:12:34:56's firmware enforces Secure Boot and refused ipxe.efi because it carries no signature. "
                + "The firmware said Access Denied right after loading ipxe.efi, which is unsigned (its certificate table is empty).",
                StringComparison.Ordinal),
            result.All);
        Assert.Contains("Fix: serve the signed chain instead: a profile with kernel, initrd, cmdline and chain: shim", result.Output, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(result.Output, "Cause: "));
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secure_boot_refuses_bios_arm64_and_http_boot_with_status_2()
    {
        foreach (var arguments in new[] { new[] { "--firmware", "bios" }, ["--arch", "arm64"], ["--http"] })
        {
            var result = await PxekitAsync(TimeSpan.FromSeconds(30), ["boot", "--secure-boot", .. arguments]);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--secure-boot boots OVMF for x64 over PXE", result.Error, StringComparison.Ordinal);
        }
    }
}
