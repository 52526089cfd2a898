using System.Globalization;
using Microsoft.Playwright;
using PxeKit.Cli.Rendering;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Core.Verdicts;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using static Microsoft.Playwright.Assertions;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The web dashboard (docs/dashboard.md) in Debian's Chromium, driven through Playwright, while a VM boots in the lab
/// from <c>pxekit serve --management-port</c>: the page follows the boot as it happens and tells it as
/// <c>pxekit boot</c>'s timeline does, and a fault's cause and fix appear on it as the server journaled them. The browser
/// runs in the lab's namespace, where the management listener is on loopback. Set PXEKIT_SCREENSHOTS=DIR to keep the
/// screenshots (docs/screenshots/ holds those of a good run); otherwise they go with the test's temporary directory.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DashboardTests : IAsyncLifetime
{
    private const string Ns = "pxkt-e2e-dash";
    private const string Bridge = "pxktdashbr";
    private const string Tap = "pxktdashtap";
    private const string Mac = "52:54:00:12:34:56"; // QEMU's default
    private const int ManagementPort = 9715; // the namespace is the test's own: nothing else listens in it
    private static readonly string Url = $"http://127.0.0.1:{ManagementPort}/";
    private static readonly TimeSpan PageLimit = TimeSpan.FromSeconds(30);
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-e2e-dash-").FullName;

    public async Task InitializeAsync()
    {
        await TapBridge.CreateAsync(Ns, Bridge, Tap, "10.56.0.1/24");
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Ns);
        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["chromium", QemuOptions.X86Emulator])]
    public async Task The_page_follows_a_boot_live_and_tells_it_as_pxekit_boot_does()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        await using var serve = await StartServeAsync("--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName);
        await using var browser = await DashboardBrowser.LaunchAsync(Ns);

        // The page is open on this machine before it exists: what it shows comes from the event stream as the VM boots.
        var page = await browser.OpenAsync($"{Url}#mac={Mac}");
        await Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Ms(PageLimit) });
        await Expect(page.GetByTestId("timeline-step")).ToHaveCountAsync(0);
        var boot = BootAsync(BootFixture.Marker, "boot.log", TimeSpan.FromSeconds(150), CancellationToken.None);

        await Expect(Step(page, BootStep.DhcpAck)).ToBeVisibleAsync(new() { Timeout = Ms(TimeSpan.FromSeconds(60)) });
        Assert.False(boot.IsCompleted, "the page showed the DHCP ACK only after the boot was over: it did not follow it live");
        var result = await boot;
        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");

        // Up to the last file the VM fetched before its kernel printed the marker, each step as the terminal tells it.
        await Expect(Step(page, BootStep.TftpComplete).Filter(new() { HasText = BootFixture.Initrd }))
            .ToBeVisibleAsync(new() { Timeout = Ms(PageLimit) });
        await Eventually.HoldsAsync(async () => Same(Expected(serve.Events), await ShownAsync(page)), PageLimit);
        var shown = await ShownAsync(page);
        Assert.True(Index(shown, "dhcp-ack", "") < Index(shown, "tftp-complete", BootFixture.BootFileName), Describe(shown));
        Assert.True(Index(shown, "tftp-complete", BootFixture.BootFileName) < Index(shown, "tftp-complete", BootFixture.Kernel), Describe(shown));
        Assert.True(Index(shown, "tftp-complete", BootFixture.Kernel) < Index(shown, "tftp-complete", BootFixture.Initrd), Describe(shown));

        // The same page read afresh from the API (not the stream) tells the same story, with the lease and its pool.
        await page.ReloadAsync();
        await Eventually.HoldsAsync(async () => Same(Expected(serve.Events), await ShownAsync(page)), PageLimit);
        var ack = serve.Events.Last(e => e.Step == BootStep.DhcpAck && e.Mac == Mac);
        await Expect(page.Locator($"[data-testid=lease][data-mac='{Mac}']")).ToContainTextAsync(ack.Address!);
        await Expect(page.GetByTestId("pool-use")).ToHaveTextAsync("1 of 21 in use (5 %)");
        await Expect(page.GetByTestId("verdicts-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=profile][data-profile=default] [data-testid=profile-matched]")).ToHaveTextAsync($"matched: {Mac}");

        // The explain form: what the server would answer this machine, as pxekit explain tells it.
        await page.GetByTestId("explain-mac").FillAsync(Mac);
        await page.GetByTestId("explain-arch").SelectOptionAsync("0");
        await page.GetByTestId("explain-submit").ClickAsync();
        await Expect(page.GetByTestId("explain-profile")).ToHaveTextAsync("Profile: default");
        await Expect(page.GetByTestId("explain-text")).ToContainTextAsync(BootFixture.BootFileName);
        await ScreenshotAsync(page, "dashboard.png");
    }

    [HostFact(Programs = ["chromium", QemuOptions.X86Emulator, "iptables"])]
    public async Task A_fault_appears_on_the_page_with_the_cause_and_fix_the_server_journaled()
    {
        // The article's bug: the server's own firewall drops DHCP requests. serve names it live from its capture.
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        await Sh.CheckAsync("ip", "netns", "exec", Ns, "iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "DROP");
        await using var serve = await StartServeAsync("--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName);
        await using var browser = await DashboardBrowser.LaunchAsync(Ns);
        var page = await browser.OpenAsync(Url);
        await Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Ms(PageLimit) });
        await Expect(page.GetByTestId("verdicts-empty")).ToBeVisibleAsync();

        using var stop = new CancellationTokenSource();
        var boot = BootAsync(BootFixture.Marker, "fault.log", TimeSpan.FromSeconds(90), stop.Token);
        var card = page.Locator("[data-testid=verdict][data-fault=dhcp-dropped-on-host]");
        try
        {
            await Expect(card).ToBeVisibleAsync(new() { Timeout = Ms(TimeSpan.FromSeconds(60)) });
        }
        finally
        {
            await stop.CancelAsync();
            await boot.ContinueWith(_ => { }, TaskScheduler.Default); // QEMU is ended by its PID either way
        }

        // The page has it from the listener's stream; the test reads the events file, which may be a moment behind.
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Verdict?.Fault == FaultId.DhcpDroppedOnHost));
        var journaled = serve.Events.Single(e => e.Verdict?.Fault == FaultId.DhcpDroppedOnHost).Verdict!;
        Assert.Equal(Mac, journaled.Client);
        await Expect(card.GetByTestId("verdict-cause")).ToHaveTextAsync(journaled.Cause);
        await Expect(card.GetByTestId("verdict-fix")).ToHaveTextAsync(journaled.Fix);
        await Expect(card.GetByTestId("verdict-fix")).ToContainTextAsync("iptables -t filter -D INPUT -p udp -m udp --dport 67 -j DROP");
        await Expect(page.Locator($"[data-testid=client][data-mac='{Mac}'] td.bad")).ToHaveTextAsync("1");
        await ScreenshotAsync(page, "dashboard-verdict.png");

        // On a phone's width the page is one column that does not scroll sideways; wide tables scroll in their own box.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page is wider than a phone's screen");
        await Expect(card.GetByTestId("verdict-fix")).ToBeInViewportAsync(new() { Ratio = 0.5f });
    }

    /// <summary>One line of the timeline as the page shows it.</summary>
    private sealed record Row(string Since, string Name, string What);

    private Task<ServeProcess> StartServeAsync(params string[] arguments) =>
        ServeProcess.StartAsync(Ns, [.. arguments, "--interface", Bridge, "--dhcp-range", "10.56.0.100-10.56.0.120",
            "--lease-db", Path.Combine(_work, "leases.db"), "--management-port", ManagementPort.ToString(CultureInfo.InvariantCulture)]);

    private Task<BootResult> BootAsync(string marker, string log, TimeSpan timeout, CancellationToken cancellationToken) =>
        new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Ns,
            Tap = Tap,
            Marker = marker,
            SerialLogPath = Path.Combine(_work, log),
            Timeout = timeout,
        }, cancellationToken);

    private static ILocator Step(IPage page, BootStep step) =>
        page.Locator($"[data-testid=timeline-step][data-step={step}]");

    private static async Task<List<Row>> ShownAsync(IPage page)
    {
        var cells = await page.GetByTestId("timeline-step").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('.since').textContent, r.querySelector('.name').textContent, r.querySelector('.what').textContent])");
        return [.. cells.Select(c => new Row(c[0], c[1], c[2]))];
    }

    /// <summary>The machine's steps from the server's journal, told by <see cref="Timeline"/> (what <c>pxekit boot</c> prints).</summary>
    private static List<Row> Expected(IReadOnlyList<BootEvent> journal)
    {
        var events = journal.Where(e => e.Mac == Mac).OrderBy(e => e.Time).ToList();
        if (events.Count == 0)
        {
            return [];
        }

        var first = events[0].Time;
        return [.. events
            .Where(e => Timeline.Render([e], first).Length > 0) // the steps the terminal's timeline folds away
            .Select(e => new Row(
                string.Create(CultureInfo.InvariantCulture, $"{(e.Time - first).TotalSeconds:+0.00;-0.00} s"),
                Timeline.Name(e.Step),
                ConsoleJournalSink.Printable(Timeline.Describe(e))))];
    }

    /// <summary>
    /// The same steps in words; their times agree to 10 ms (the page has the browser's millisecond clock, and events
    /// within one millisecond may stand in either order).
    /// </summary>
    private static bool Same(List<Row> expected, List<Row> shown)
    {
        if (expected.Count == 0 || expected.Count != shown.Count)
        {
            return false;
        }

        static List<Row> Sorted(List<Row> rows) =>
            [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.What, StringComparer.Ordinal).ThenBy(r => Seconds(r.Since))];
        return Sorted(expected).Zip(Sorted(shown)).All(pair =>
            pair.First.Name == pair.Second.Name && pair.First.What == pair.Second.What
            && Math.Abs(Seconds(pair.First.Since) - Seconds(pair.Second.Since)) <= 0.0101);
    }

    private static double Seconds(string since) =>
        double.Parse(since.Replace(" s", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Index(List<Row> rows, string name, string file)
    {
        var index = rows.FindIndex(r => r.Name == name && r.What.StartsWith(file, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no {name} {file} on the page:\n{Describe(rows)}");
        return index;
    }

    private static string Describe(List<Row> rows) => string.Join('\n', rows.Select(r => $"{r.Since}  {r.Name}  {r.What}"));

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("PXEKIT_SCREENSHOTS") is { Length: > 0 } kept ? kept : _work;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} is too small to show the page");
    }

    private static float Ms(TimeSpan limit) => (float)limit.TotalMilliseconds;
}
