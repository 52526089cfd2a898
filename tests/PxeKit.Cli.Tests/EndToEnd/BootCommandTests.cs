using System.Text.RegularExpressions;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary><c>pxekit boot</c> as a user runs it: exit status, timeline, and nothing left behind.</summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class BootCommandTests
{
    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    [HostFact]
    public async Task Boot_prints_a_timeline_that_ends_with_the_marker_and_removes_the_lab()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        Assert.Matches(@"dhcp-discover[\s\S]*dhcp-offer[\s\S]*dhcp-request[\s\S]*dhcp-ack[\s\S]*tftp-complete\s+pxelinux\.0[\s\S]*tftp-complete\s+vmlinuz[\s\S]*kernel\s+Linux[\s\S]*marker", result.Output);
        Assert.Contains("The VM booted", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task Bios_ipxe_boots_the_kernel_over_http_from_a_script()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--http", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        Assert.Matches(@"dhcp-ack[\s\S]*http-complete\s+/?boot\.ipxe[\s\S]*http-complete\s+/?vmlinuz[\s\S]*http-complete\s+/?initrd\.gz[\s\S]*marker", result.Output);
        Assert.DoesNotMatch(@"tftp-", result.Output);
        Assert.Single(Regex.Matches(result.Output, "dhcp-ack"));
    }

    [HostFact]
    public async Task Bios_boots_from_pxekit_as_proxydhcp_beside_dnsmasq()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--proxy", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        // The address comes from dnsmasq (10.47.0.50-90), the boot file from PxeKit's proxy offer.
        // Checked one by one: the console's lines and the server's events race by a few milliseconds.
        Assert.Matches(@"dhcp-offer\s+proxy offer, boot pxelinux\.0", result.Output);
        Assert.Matches(@"iPXE configured 10\.47\.0\.(5[0-9]|[6-8][0-9]|90)/", result.Output);
        Assert.Matches(@"tftp-complete\s+pxelinux\.0[\s\S]*marker", result.Output);
        Assert.DoesNotMatch(@"dhcp-ack", result.Output);
        Assert.DoesNotContain("pxk-dhcp", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task Uefi_pxe_chainloads_ipxe_then_boots_the_kernel_over_http_in_two_dhcp_exchanges()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--firmware", "uefi", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        Assert.Matches(@"discover: arch 7 \(EfiBc\), vendor ""PXEClient:Arch:00007[\s\S]*tftp-complete\s+ipxe\.efi[\s\S]*user class ""iPXE""[\s\S]*http-complete\s+/boot\.ipxe[\s\S]*http-complete\s+/vmlinuz[\s\S]*marker", result.Output);
        Assert.Equal(2, Regex.Matches(result.Output, "dhcp-ack ").Count);
    }

    [HostFact]
    public async Task Uefi_http_boot_gets_a_url_and_boots()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--firmware", "uefi", "--http", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        Assert.Matches(@"discover: arch 16 \(EfiX64Http\), vendor ""HTTPClient[\s\S]*boot http://10\.47\.0\.1/ipxe\.efi[\s\S]*http-complete\s+/ipxe\.efi\s+830[\s\S]*http-complete\s+/vmlinuz[\s\S]*marker", result.Output);
        Assert.DoesNotMatch("tftp-", result.Output);
    }

    [HostFact]
    public async Task Uefi_boots_from_pxekit_as_proxydhcp_through_the_boot_server_on_4011()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(240), "boot", "--firmware", "uefi", "--proxy", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        Assert.Matches(@"proxy offer, boot file from the boot server on port 4011[\s\S]*boot server \(4011\): boot ipxe\.efi[\s\S]*tftp-complete\s+ipxe\.efi[\s\S]*http-complete\s+/vmlinuz[\s\S]*marker", result.Output);
    }

    [HostFact]
    public async Task Arm64_uefi_boots_grub_then_the_arm64_kernel_over_tftp()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(300), "boot", "--arch", "arm64", "--timeout", "150");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("diagnosis", result.All, StringComparison.Ordinal);
        Assert.Matches(@"discover: arch 11 \(EfiArm64\)[\s\S]*boot grubaa64\.efi[\s\S]*tftp-complete\s+grubaa64\.efi[\s\S]*tftp-complete\s+/vmlinuz", result.Output);
        Assert.Matches(@"kernel\s+Linux [0-9.-]+-arm64[\s\S]*marker", result.Output);
    }

    [HostFact]
    public async Task A_boot_that_cannot_find_its_kernel_fails_with_the_console_tail()
    {
        // The boot tree of the fixtures without the kernel: pxelinux starts, then cannot load vmlinuz.
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var root = Directory.CreateTempSubdirectory("pxekit-nokernel-").FullName;
        try
        {
            foreach (var file in BootFixture.Files.Where(f => f != BootFixture.Kernel))
            {
                var target = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(fixtures.Directory, file), target);
            }

            var result = await PxekitAsync(TimeSpan.FromSeconds(120), "boot", "--root", root, "--timeout", "45");

            Assert.True(result.ExitCode == 1, result.All);
            Assert.Matches(@"tftp-refused\s+vmlinuz: file not found", result.Output);
            Assert.Contains("No marker within", result.Output, StringComparison.Ordinal);
            Assert.Contains("Last lines on the VM's console", result.Output, StringComparison.Ordinal);
            Assert.Matches(@"Cause: 52:54:00:12:34:56 asked for vmlinuz and the TFTP server at 10\.47\.0\.1 does not have it\.", result.Output);
            Assert.Contains($"Fix: put vmlinuz in the boot root {root}", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Boot_refuses_unknown_firmware_with_status_2_before_touching_anything()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(30), "boot", "--firmware", "coreboot");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("firmware 'coreboot' is not supported: give bios or uefi", result.Error, StringComparison.Ordinal);
    }
}
