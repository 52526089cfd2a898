using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>Fault f: a second DHCP server on the segment while PxeKit is a full server.</summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class RogueServerTests
{
    [Fact]
    public async Task A_second_dhcp_server_is_named_with_its_offer_whichever_offer_the_machine_takes()
    {
        var result = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "boot", "--other-dhcp", "--timeout", "60"], TimeSpan.FromSeconds(180));

        // The VM takes whichever offer it likes; either way the other server must be named.
        Assert.True(result.ExitCode is 0 or 1, result.All);
        Assert.Contains("Another DHCP server, 10.47.0.2, answers on pxkbr0: Offer of 10.47.0.", result.All, StringComparison.Ordinal);
        Assert.Contains("run PxeKit beside it with --proxy", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("pxk-", (await Sh.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
    }
}
