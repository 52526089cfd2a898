using System.Text.RegularExpressions;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>
/// Counts the TFTP DATA packets a namespace sends, exactly, with an nftables counter on its output
/// (UDP whose first payload bytes are opcode 3); a capture can miss packets at full speed, a counter cannot.
/// </summary>
internal sealed partial class PxrDataCounter : IAsyncDisposable
{
    private readonly string _ns;

    private PxrDataCounter(string ns) => _ns = ns;

    public static async Task<PxrDataCounter> StartAsync(string ns)
    {
        PxrTools.Require("nft", "nftables");
        var file = Path.Combine(Path.GetTempPath(), $"pxr-count-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(file, """
            table ip pxrcount {
              chain out { type filter hook output priority 0; policy accept; ip protocol udp @th,64,16 3 counter; }
            }
            """);
        try
        {
            await Sh.CheckAsync("ip", "netns", "exec", ns, "nft", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }

        return new PxrDataCounter(ns);
    }

    public async Task<long> ReadAsync()
    {
        var listing = await Sh.CheckAsync("ip", "netns", "exec", _ns, "nft", "list", "table", "ip", "pxrcount");
        var match = Packets().Match(listing.Output);
        Assert.True(match.Success, "no counter in: " + listing.Output);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await Sh.RunAsync("ip", "netns", "exec", _ns, "nft", "delete", "table", "ip", "pxrcount");

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex Packets();
}
