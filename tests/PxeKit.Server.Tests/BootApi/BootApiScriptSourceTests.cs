using System.Net;
using PxeKit.Core.Events;
using PxeKit.Server.Boot;
using PxeKit.Server.BootApi;
using PxeKit.Server.Tests.Http;
using PxeKit.Tests.Shared.BootApi;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.BootApi;

/// <summary>
/// The script iPXE asks for, served by the real HTTP boot server with the boot API in front of the profiles, against a
/// small boot API service on loopback: its kernel when it answers 200; the profile when it says 404; the profile, and a
/// journaled <see cref="BootStep.BootApiFailed"/>, when it fails (500, too slow, bad JSON, not there); no script when
/// it fails and no profile matches.
/// </summary>
public sealed class BootApiScriptSourceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Known = "52:54:00:00:00:01";
    private const string Stranger = "52:54:00:00:00:99";

    /// <summary>The fallback: a kernel profile for <see cref="Known"/> only.</summary>
    private static readonly BootProfile[] Profiles =
    [
        new() { Name = "fallback", Kernel = "vmlinuz", CommandLine = "from-profile", Match = new ProfileMatch { Macs = new HashSet<string> { Known } } },
    ];

    private readonly BootApiStub _api = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private BootApiClient _client = null!;
    private HttpTestHost _server = null!;

    public Task InitializeAsync()
    {
        // The default timeout: a loaded machine (the suite, JIT on the first request) can take a second to answer on
        // loopback, which must not read as a slow service. The slow service takes 30 s, far past it.
        _client = new BootApiClient(new BootApiOptions { Url = _api.Url, Timeout = TimeSpan.FromSeconds(5) });
        var journal = new RecordingJournal();
        _server = HttpTestHost.Start(output, new BootApiScriptSource(_client, Fallback(), journal), journal: journal);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
        _http.Dispose();
        await _api.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> ScriptAsync(string mac)
    {
        using var response = await _http.GetAsync(_server.Url($"/boot.ipxe?mac={mac}&arch=0"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private IReadOnlyList<BootEvent> Failures => [.. _server.Journal.Events.Where(e => e.Step == BootStep.BootApiFailed)];

    [Fact]
    public async Task A_200_boots_the_kernel_the_api_names_with_relative_urls_resolved_against_it()
    {
        _api.Answer(Known, 200, """{"kernel": "http://files.example/vmlinuz", "initrd": ["/initrd.img"], "cmdline": {"console": "ttyS0", "quiet": true}, "message": "install node 7"}""");

        var (status, body) = await ScriptAsync(Known);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            "#!ipxe\n"
            + $"echo PxeKit: the boot API boots http://files.example/vmlinuz on {Known}\n"
            + "echo install node 7\n"
            + "kernel http://files.example/vmlinuz initrd=initrd.img console=ttyS0 quiet\n"
            + $"initrd {_api.Url.AbsoluteUri}initrd.img\n"
            + "boot\n",
            body);
        Assert.Empty(Failures);
        var served = await _server.Journal.WaitForAsync(e => e.Step == BootStep.HttpComplete);
        Assert.True(served.Http!.Script);
    }

    [Fact]
    public async Task A_404_leaves_the_machine_to_its_profile_and_is_kept_for_its_next_request()
    {
        var (status, body) = await ScriptAsync(Known);
        await ScriptAsync(Known);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("kernel vmlinuz from-profile", body, StringComparison.Ordinal);
        Assert.Empty(Failures);
        Assert.Equal(1, _api.Asked(Known));
    }

    [Theory]
    [InlineData(500, "", BootApiFailure.BadStatus)]
    [InlineData(200, "{\"kernel\": ", BootApiFailure.BadReply)]
    [InlineData(200, "{\"initrd\": [\"/i\"]}", BootApiFailure.BadReply)]
    public async Task A_failing_answer_is_journaled_and_the_profile_boots(int answer, string reply, BootApiFailure failure)
    {
        _api.Answer(Known, answer, reply);

        var (status, body) = await ScriptAsync(Known);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("kernel vmlinuz from-profile", body, StringComparison.Ordinal);
        var failed = Assert.Single(Failures);
        Assert.Equal((Known, "127.0.0.1", failure), (failed.Mac, failed.Address, failed.BootApi!.Failure));
        Assert.Equal(new Uri(_api.Url, $"/v1/boot/{Known}").AbsoluteUri, failed.BootApi.Url);
        Assert.Equal(answer, failed.BootApi.Status);
    }

    [Fact]
    public async Task A_failure_is_not_kept_the_next_request_asks_again()
    {
        _api.Answer(Known, 503);
        await ScriptAsync(Known);
        _api.Answer(Known, 200, """{"kernel": "/vmlinuz"}""");

        var (_, body) = await ScriptAsync(Known);

        Assert.Contains($"kernel {_api.Url.AbsoluteUri}vmlinuz", body, StringComparison.Ordinal);
        Assert.Equal(2, _api.Asked(Known));
    }

    [Fact]
    public async Task A_service_slower_than_the_timeout_is_a_timeout_and_the_profile_boots_meanwhile()
    {
        _api.Answer(Known, 200, """{"kernel": "/late"}""", delay: TimeSpan.FromSeconds(30));
        var started = DateTime.UtcNow;

        var (status, body) = await ScriptAsync(Known);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the script waited for the slow service (30 s) rather than its timeout (5 s)");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("kernel vmlinuz from-profile", body, StringComparison.Ordinal);
        var failed = Assert.Single(Failures);
        Assert.Equal((BootApiFailure.Timeout, (int?)null), (failed.BootApi!.Failure, failed.BootApi.Status));
    }

    [Fact]
    public async Task A_failure_with_no_profile_to_fall_back_on_serves_no_script()
    {
        _api.Answer(Stranger, 500);

        var (status, _) = await ScriptAsync(Stranger);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(Stranger, Assert.Single(Failures).Mac);
    }

    [Fact]
    public async Task A_service_that_is_not_there_is_unreachable()
    {
        // A port that was just free: the service is gone (connection refused).
        using var gone = new BootApiClient(new BootApiOptions { Url = new Uri($"http://127.0.0.1:{FreePort()}"), Timeout = TimeSpan.FromSeconds(5) });
        var journal = new RecordingJournal();
        var source = new BootApiScriptSource(gone, Fallback(), journal);

        var script = await source.FindAsync("/boot.ipxe", IPAddress.Loopback, new Dictionary<string, string> { ["mac"] = Known }, CancellationToken.None);

        Assert.Contains("kernel vmlinuz from-profile", script!.Content, StringComparison.Ordinal);
        Assert.Equal(BootApiFailure.Unreachable, Assert.Single(journal.Events).BootApi!.Failure);
    }

    [Fact]
    public async Task A_menu_choice_a_request_without_a_mac_and_other_paths_go_to_the_profiles_without_asking()
    {
        var (status, _) = await ScriptAsync("not-a-mac");
        using var chosen = await _http.GetAsync(_server.Url($"/boot.ipxe?mac={Known}&arch=0&profile=fallback"));
        using var file = await _http.GetAsync(_server.Url("/vmlinuz"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (status, chosen.StatusCode, file.StatusCode));
        Assert.Equal((0, 0), (_api.Asked("not-a-mac"), _api.Asked(Known)));
        Assert.Empty(Failures);
    }

    private static ProfileScriptSource Fallback() => new(new ProfileBootPolicy(Profiles, new IpxeBinaries(), 80, new InMemoryBootOnceStore()));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
