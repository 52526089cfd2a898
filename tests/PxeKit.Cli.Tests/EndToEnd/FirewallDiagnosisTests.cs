namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The article's bug, reproduced: a firewall rule on the server host drops UDP 67. The boot fails,
/// the server's socket sees nothing, and PxeKit says what the wire saw and what drops it.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class FirewallDiagnosisTests
{
    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    [HostFact]
    public async Task A_firewall_dropping_udp_67_is_named_as_the_cause()
    {
        var result = await BootBehindRuleAsync("67", TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("Cause: DHCP requests from 52:54:00:12:34:56 reach pxkbr0", result.Output, StringComparison.Ordinal);
        Assert.Contains("never PxeKit's socket", result.Output, StringComparison.Ordinal);
        Assert.Contains("The rule `-A INPUT -p udp -m udp --dport 67 -j DROP`", result.Output, StringComparison.Ordinal);
        Assert.Contains("Fix: iptables -t filter -D INPUT -p udp -m udp --dport 67 -j DROP", result.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch("dhcp-offer", result.Output);
    }

    [HostFact]
    public async Task A_firewall_dropping_udp_69_is_named_as_the_cause()
    {
        var result = await BootBehindRuleAsync("69", TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Matches("dhcp-ack", result.Output);
        Assert.Contains("Cause: TFTP requests from 52:54:00:12:34:56 reach pxkbr0", result.Output, StringComparison.Ordinal);
        Assert.Contains("Fix: iptables -t filter -D INPUT -p udp -m udp --dport 69 -j DROP", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Brings the lab up, adds <c>iptables -A INPUT -p udp --dport PORT -j DROP</c> in it, boots, removes the lab.</summary>
    private static async Task<Sh.Result> BootBehindRuleAsync(string port, TimeSpan bootTimeout)
    {
        Assert.Equal(0, (await PxekitAsync(TimeSpan.FromSeconds(30), "lab", "up")).ExitCode);
        try
        {
            await Sh.CheckAsync("ip", "netns", "exec", "pxk-lab", "iptables", "-A", "INPUT", "-p", "udp", "--dport", port, "-j", "DROP");
            return await PxekitAsync(bootTimeout + TimeSpan.FromSeconds(60), "boot", "--timeout", ((int)bootTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await PxekitAsync(TimeSpan.FromSeconds(30), "lab", "down");
        }
    }
}
