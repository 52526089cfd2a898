using System.Globalization;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// Faults c, e, g, h, i and k of the diagnosis issue, each reproduced in the lab with a real VM: the boot fails and
/// PxeKit names the cause and the fix. (Faults a and b are in <see cref="FirewallDiagnosisTests"/>, f in
/// <see cref="RogueServerTests"/>; clean boots that raise no alarm are in <see cref="BootCommandTests"/>.)
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class FaultDiagnosisTests
{
    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    [HostFact]
    public async Task C_tftp_data_dropped_by_a_stateful_output_chain_is_named_with_the_policy_and_the_conntrack_helper()
    {
        // What a careful admin writes: replies only, plus DHCP, "TFTP" (69) and HTTP. TFTP data leaves from a new port.
        var result = await BootBehindRulesAsync(TimeSpan.FromSeconds(60), [],
            "iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
            "iptables -A OUTPUT -p udp --sport 67 -j ACCEPT",
            "iptables -A OUTPUT -p udp --sport 69 -j ACCEPT",
            "iptables -A OUTPUT -p tcp --sport 80 -j ACCEPT",
            "iptables -A OUTPUT -o lo -j ACCEPT",
            "iptables -P OUTPUT DROP");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Matches(@"Cause: TFTP read requests for pxelinux\.0 from 10\.47\.0\.\d+ reach PxeKit, but this host refuses to send the answer", result.Output);
        Assert.Contains("The policy of chain OUTPUT (`:OUTPUT DROP", result.Output, StringComparison.Ordinal);
        Assert.Contains("Fix: iptables -t filter -P OUTPUT ACCEPT", result.Output, StringComparison.Ordinal);
        Assert.Contains("nf_conntrack_tftp", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task E_a_bios_program_given_to_uefi_firmware_is_named_by_its_format()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(150), "boot", "--firmware", "uefi", "--bootfile", "pxelinux.0", "--timeout", "45");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("Cause: 52:54:00:12:34:56 is UEFI x64 firmware and was sent pxelinux.0, which is not an EFI program (a BIOS boot program or data): that firmware cannot run it.", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task K_a_kernel_that_starts_without_the_expected_text_is_named_with_the_console_tail()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(150), "boot", "--expect", "TEXT-THE-INITRAMFS-NEVER-PRINTS", "--timeout", "90");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("Cause: The kernel started but the expected text never appeared", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Last lines on the VM's console:\n(  \| .*\n)*  \| .*reboot: Power down", result.Output.Replace("\r", "", StringComparison.Ordinal));
    }

    [HostFact]
    public async Task G_a_dhcp_server_without_boot_information_is_named_with_proxy_mode_as_the_fix()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(120), "boot", "--no-dhcp", "--timeout", "45");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Matches(@"Cause: 52:54:00:12:34:56 asked for a network boot and got the address 10\.47\.0\.\d+ from 10\.47\.0\.2, with no boot information", result.Output);
        Assert.Contains("with no boot information", result.Output, StringComparison.Ordinal);
        Assert.Contains("Fix: run PxeKit with --proxy instead of --no-dhcp", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task H_ipxe_given_ipxe_again_is_named_as_a_chainload_loop()
    {
        var result = await PxekitAsync(TimeSpan.FromSeconds(120), "boot", "--bootfile", "undionly.kpxe", "--timeout", "45");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("Cause: An iPXE chainload loop: 52:54:00:12:34:56 is given undionly.kpxe, iPXE itself", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"downloaded undionly\.kpxe twice in a row, \d+ s apart, with only a DHCP exchange between", result.Output);
        Assert.Contains("Fix: answer iPXE's own requests with something else", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task I_proxy_dhcp_with_uefi_while_udp_4011_is_dropped_is_named_with_the_rule()
    {
        var result = await BootBehindRulesAsync(TimeSpan.FromSeconds(75), ["--firmware", "uefi", "--proxy"],
            "iptables -A INPUT -p udp --dport 4011 -j DROP");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("Cause: PXE boot-server requests (UDP 4011) from 52:54:00:12:34:56 reach pxkbr0", result.Output, StringComparison.Ordinal);
        Assert.Contains("Fix: iptables -t filter -D INPUT -p udp -m udp --dport 4011 -j DROP", result.Output, StringComparison.Ordinal);
        // The REQUEST to dnsmasq on port 67 reached PxeKit's socket: no false alarm about port 67.
        Assert.DoesNotContain("Cause: DHCP requests from", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Brings the lab up, applies the rules inside its namespace, boots, and removes the lab (and so the rules).</summary>
    private static async Task<Sh.Result> BootBehindRulesAsync(TimeSpan bootTimeout, string[] bootArguments, params string[] rules)
    {
        Assert.Equal(0, (await PxekitAsync(TimeSpan.FromSeconds(30), "lab", "up")).ExitCode);
        try
        {
            foreach (var rule in rules)
            {
                await Sh.CheckAsync("ip", ["netns", "exec", "pxk-lab", .. rule.Split(' ')]);
            }

            var timeout = ((int)bootTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return await PxekitAsync(bootTimeout + TimeSpan.FromSeconds(60), [.. (string[])["boot", "--timeout", timeout], .. bootArguments]);
        }
        finally
        {
            await PxekitAsync(TimeSpan.FromSeconds(30), "lab", "down");
        }
    }
}
