namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// <c>pxekit boot --dual-stack</c> (issue 16): PxeKit answers DHCPv4 and DHCPv6 from one profile on the lab's network, and
/// QEMU's iPXE ROM, which asks both, gets the same script from each and boots the kernel to the marker.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DualStackBootTests
{
    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    [HostFact]
    public async Task Bios_ipxe_on_a_dual_stack_network_is_answered_over_both_and_boots_to_the_marker()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(200), "boot", "--dual-stack", "--timeout", "120");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("Cause:", result.All, StringComparison.Ordinal);
        Assert.Contains("on a dual-stack network (DHCPv4 and DHCPv6)", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"dhcp-ack\s+ack 10\.47\.0\.\d+ .*boot http://10\.47\.0\.1/boot\.ipxe\?mac=52:54:00:12:34:56&arch=0", result.Output);
        Assert.Matches(@"dhcp6-reply\s+reply to Request: fd00:47::\S+, boot http://\[fd00:47::1\]/boot\.ipxe\?mac=52:54:00:12:34:56&arch=0", result.Output);
        Assert.Matches(@"http-complete\s+/vmlinuz[\s\S]*http-complete\s+/initrd\.gz[\s\S]*marker\s+marker seen", result.Output);
        Assert.DoesNotContain("pxk-lab", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dual_stack_refuses_ipv6_http_and_a_boot_file_with_status_2()
    {
        foreach (var arguments in new[] { new[] { "--ipv6" }, ["--http"], ["--bootfile", "pxelinux.0"] })
        {
            var result = await PxekitAsync(TimeSpan.FromSeconds(30), ["boot", "--dual-stack", .. arguments]);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--dual-stack boots x64 (UEFI or BIOS) over PXE", result.Error, StringComparison.Ordinal);
        }
    }
}
