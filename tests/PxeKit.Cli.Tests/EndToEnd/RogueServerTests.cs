namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>Fault f: a second DHCP server on the segment while PxeKit is a full server.</summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class RogueServerTests
{
    [HostFact]
    public async Task A_second_dhcp_server_is_named_with_its_offer_whichever_offer_the_machine_takes()
    {
        var result = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "boot", "--other-dhcp", "--timeout", "60"], TimeSpan.FromSeconds(180));

        // The VM takes whichever offer it likes; either way the other server must be named.
        Assert.True(result.ExitCode is 0 or 1, result.All);
        Assert.Contains("2 DHCP servers answer 52:54:00:12:34:56: 10.47.0.1 and 10.47.0.2.", result.All, StringComparison.Ordinal);
        Assert.Contains("run the PXE server beside it in proxy mode (pxekit serve --proxy)", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("pxk-", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }
}
