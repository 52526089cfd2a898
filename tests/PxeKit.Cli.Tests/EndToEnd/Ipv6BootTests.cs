namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// <c>pxekit boot --ipv6</c> (issue 16): OVMF with PXE over IPv4 turned off asks DHCPv6 after PxeKit's managed-flag
/// advertisement, fetches ipxe.efi over TFTP on IPv6, and iPXE, over DHCPv6 again, boots the kernel over HTTP on IPv6 to
/// the marker. With <c>--firmware bios</c>, QEMU's iPXE option ROM does the same from its own DHCPv6.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class Ipv6BootTests
{
    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    [HostFact(Files = ["/usr/share/OVMF/OVMF_CODE_4M.fd"])]
    public async Task Uefi_boots_over_ipv6_alone_to_the_marker()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(300), "boot", "--ipv6", "--timeout", "200");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("Cause:", result.All, StringComparison.Ordinal);
        Assert.Matches(@"dhcp6-reply\s+reply to Request: fd00:47::\S+, boot ipxe\.efi .* as tftp://\[fd00:47::1\]/ipxe\.efi", result.Output);
        Assert.Matches(@"tftp-complete\s+ipxe\.efi[\s\S]*dhcp6-reply\s+reply to Request: fd00:47::\S+, boot http://\[fd00:47::1\]/boot\.ipxe", result.Output);
        Assert.Matches(@"http-complete\s+/vmlinuz[\s\S]*http-complete\s+/initrd\.gz[\s\S]*marker\s+marker seen", result.Output);
        Assert.DoesNotContain("dhcp-ack", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task Bios_ipxe_boots_over_ipv6_alone_to_the_marker()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(200), "boot", "--ipv6", "--firmware", "bios", "--timeout", "120");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("Cause:", result.All, StringComparison.Ordinal);
        Assert.Contains("BIOS, QEMU's iPXE ROM (DHCPv6), kernel over HTTP, all on IPv6", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"iPXE option ROM started[\s\S]*dhcp6-reply\s+reply to Request: fd00:47::\S+, boot http://\[fd00:47::1\]/boot\.ipxe\?mac=52:54:00:12:34:56&arch=0", result.Output);
        Assert.Matches(@"http-complete\s+/vmlinuz[\s\S]*http-complete\s+/initrd\.gz[\s\S]*marker\s+marker seen", result.Output);
        Assert.DoesNotContain("dhcp-ack", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tftp-complete", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ipv6_refuses_arm64_secure_boot_a_boot_file_and_bios_http_with_status_2()
    {
        foreach (var arguments in new[] { new[] { "--firmware", "bios", "--http" }, ["--arch", "arm64"], ["--secure-boot"], ["--bootfile", "ipxe.efi"] })
        {
            var result = await PxekitAsync(TimeSpan.FromSeconds(30), ["boot", "--ipv6", .. arguments]);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--ipv6 boots x64 over IPv6 from PxeKit's lab server", result.Error, StringComparison.Ordinal);
        }
    }
}
