using System.Text.RegularExpressions;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// A VM still boots to its marker over a link that loses 10% of the frames each way. This kernel has no netem (sch_netem)
/// and no tc actions, so the loss is made with nft in the bridge family: a random one in ten frames to and from the VM's
/// tap is dropped silently (a drop on the bridge does not fail the sender's send, as one in the IP OUTPUT chain would).
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class LossyBootTests
{
    private static Task<Sh.Result> PxekitAsync(TimeSpan timeout, params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, .. arguments], timeout);

    private static Task<Sh.Result> NftAsync(params string[] arguments) => Sh.CheckAsync("ip", ["netns", "exec", "pxk-lab", "nft", .. arguments]);

    [HostFact]
    public async Task A_vm_boots_over_http_through_ten_percent_loss_each_way()
    {
        Assert.Equal(0, (await PxekitAsync(TimeSpan.FromSeconds(30), "lab", "up")).ExitCode);
        try
        {
            await NftAsync("add", "table", "bridge", "pxkloss");
            await NftAsync("add", "chain", "bridge", "pxkloss", "out", "{ type filter hook output priority 0; policy accept; }");
            await NftAsync("add", "chain", "bridge", "pxkloss", "in", "{ type filter hook input priority 0; policy accept; }");
            await NftAsync("add", "rule", "bridge", "pxkloss", "out", "oifname", "pxktap0", "numgen", "random", "mod", "10", "==", "0", "counter", "drop");
            await NftAsync("add", "rule", "bridge", "pxkloss", "in", "iifname", "pxktap0", "numgen", "random", "mod", "10", "==", "0", "counter", "drop");

            var result = await PxekitAsync(TimeSpan.FromSeconds(360), "boot", "--http", "--timeout", "300");
            var counters = (await NftAsync("list", "table", "bridge", "pxkloss")).Output;

            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("The VM booted", result.Output, StringComparison.Ordinal);
            // The loss really happened, both ways: otherwise this test would prove nothing.
            var dropped = Dropped().Matches(counters).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(dropped.Count == 2 && dropped.All(n => n > 0), counters);
        }
        finally
        {
            await PxekitAsync(TimeSpan.FromSeconds(30), "lab", "down");
        }
    }

    [GeneratedRegex(@"counter packets (\d+) bytes \d+ drop")]
    private static partial Regex Dropped();
}
