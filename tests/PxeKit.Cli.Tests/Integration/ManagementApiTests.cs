using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// The management API of a running <c>pxekit serve</c> (issue 15), asked with curl as an operator would: a machine that
/// got a lease from busybox udhcpc shows in the clients, leases, profiles and its own timeline; explain answers; a
/// boot-once mark set and taken away through the API changes what the machine is offered next; a reload through the
/// API applies an edited file; the event stream shows a machine's steps as they happen; beyond loopback, the token.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ManagementApiTests : IAsyncLifetime
{
    private const int Port = 9715;
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-api-").FullName;
    private VethNetwork _net = null!;

    private string Config => Path.Combine(_root, "pxekit.yaml");

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        foreach (var name in new[] { "install.bin", "local.bin", "other.bin" })
        {
            await File.WriteAllTextAsync(Path.Combine(_root, name), name);
            File.SetUnixFileMode(Path.Combine(_root, name), (UnixFileMode)0b110_100_100);
        }

        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["busybox", "curl"])]
    public async Task A_machine_shows_in_every_read_and_the_operators_writes_change_what_it_is_offered()
    {
        await WriteConfigAsync("local.bin");
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config, "--user", "nobody");
        Assert.NotNull(await _net.UdhcpcAsync(_root));
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.DhcpAck), TimeSpan.FromSeconds(10));
        var mac = serve.Events.First(e => e.Step == BootStep.DhcpAck).Mac!;
        Assert.Equal("install.bin", serve.Events.Last(e => e.Step == BootStep.DhcpOffer).File);

        using (var status = await GetAsync("status"))
        {
            Assert.Equal("Full", status.RootElement.GetProperty("mode").GetString());
            Assert.Equal(_net.ServerInterface, status.RootElement.GetProperty("interfaces")[0].GetProperty("name").GetString());
        }

        using (var clients = await GetAsync("clients"))
        {
            var client = Assert.Single(clients.RootElement.GetProperty("clients").EnumerateArray());
            Assert.Equal(mac, client.GetProperty("mac").GetString());
            Assert.Equal("install", client.GetProperty("profile").GetString());
        }

        using (var detail = await GetAsync($"clients/{mac}"))
        {
            var steps = detail.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();
            Assert.Equal(["DhcpDiscover", "DhcpOffer", "DhcpRequest", "DhcpAck"], steps.Where(s => s!.StartsWith("Dhcp", StringComparison.Ordinal)).Take(4));
            // An event reads as its line in the events file does.
            var ack = detail.RootElement.GetProperty("events").EnumerateArray().First(e => e.GetProperty("step").GetString() == "DhcpAck");
            var (fromFile, fromApi) = (serve.Events.First(e => e.Step == BootStep.DhcpAck), JsonLinesJournalSink.Parse(ack.GetRawText())!);
            Assert.Equal((fromFile.Time, fromFile.Address, fromFile.File, fromFile.Profile, fromFile.Dhcp!.Xid), (fromApi.Time, fromApi.Address, fromApi.File, fromApi.Profile, fromApi.Dhcp!.Xid));
        }

        using (var leases = await GetAsync("leases"))
        {
            var pool = Assert.Single(leases.RootElement.GetProperty("pools").EnumerateArray());
            Assert.Equal(1, pool.GetProperty("used").GetInt64());
            Assert.Equal(11, pool.GetProperty("size").GetInt64());
            Assert.Equal(mac, Assert.Single(leases.RootElement.GetProperty("leases").EnumerateArray()).GetProperty("mac").GetString());
        }

        using (var profiles = await GetAsync("profiles"))
        {
            var install = profiles.RootElement.GetProperty("profiles")[0];
            Assert.Equal("install", install.GetProperty("name").GetString());
            Assert.True(install.GetProperty("bootOnce").GetBoolean());
            Assert.Equal([mac], install.GetProperty("matched").EnumerateArray().Select(m => m.GetString()));
        }

        using (var config = await GetAsync("config"))
        {
            var scope = Assert.Single(config.RootElement.GetProperty("scopes").EnumerateArray());
            Assert.Equal(("10.48.0.0/24", "10.48.0.100-10.48.0.110"), (scope.GetProperty("subnet").GetString(), scope.GetProperty("range").GetString()));
            Assert.Equal(["install", "local"], config.RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));
            Assert.False(config.RootElement.GetProperty("management").GetProperty("token").GetBoolean());
        }

        using (var explained = await SendAsync("POST", "explain", $$"""{"mac":"{{mac}}","arch":"uefi-x64"}"""))
        {
            Assert.Equal("install", explained.RootElement.GetProperty("profile").GetString());
            Assert.True(explained.RootElement.GetProperty("answered").GetBoolean());
            Assert.Contains("install.bin", explained.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        // The operator says the install is done: the machine is offered the next profile, and the journal says who did it.
        Assert.Equal("204", await StatusOfAsync("PUT", $"clients/{mac}/boot-once/install"));
        Assert.NotNull(await _net.UdhcpcAsync(_root));
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.DhcpAck) >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal("local.bin", serve.Events.Last(e => e.Step == BootStep.DhcpOffer).File);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.BootOnceUsed, Profile: "install" } && e.Mac == mac), TimeSpan.FromSeconds(10));

        // ... and then that it must be installed again.
        Assert.Equal("204", await StatusOfAsync("DELETE", $"clients/{mac}/boot-once/install"));
        Assert.NotNull(await _net.UdhcpcAsync(_root));
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.DhcpAck) >= 3, TimeSpan.FromSeconds(10));
        Assert.Equal("install.bin", serve.Events.Last(e => e.Step == BootStep.DhcpOffer).File);
        Assert.Equal("404", await StatusOfAsync("PUT", $"clients/{mac}/boot-once/local"));
        Assert.Equal("400", await StatusOfAsync("PUT", "clients/not-a-mac/boot-once/install"));

        // A reload through the API: the edited file applies, as with SIGHUP; a broken one is refused with its mistakes.
        await WriteConfigAsync("other.bin");
        using (var reloaded = await SendAsync("POST", "reload", null))
        {
            Assert.Equal("ReloadApplied", reloaded.RootElement.GetProperty("step").GetString());
        }

        await WriteConfigAsync("missing.bin");
        Assert.Equal("422", await StatusOfAsync("POST", "reload"));
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.ReloadRefused), TimeSpan.FromSeconds(10));
        // Every path the OpenAPI document lists without a parameter answers its GET (the stream aside).
        using (var openApi = await GetAsync("openapi.json"))
        {
            foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _) && !p.Name.Contains('{', StringComparison.Ordinal) && !p.Name.EndsWith("/events", StringComparison.Ordinal)))
            {
                Assert.Equal("200", await StatusOfAsync("GET", path.Name["/api/v1/".Length..]));
            }
        }

        Assert.Equal("405", await StatusOfAsync("DELETE", "leases"));
        Assert.Equal("404", await StatusOfAsync("GET", "nothing-here"));
        Assert.False(serve.HasExited, serve.Error);
    }

    [HostFact(Programs = ["busybox", "curl"])]
    public async Task The_event_stream_shows_a_machines_steps_as_they_happen()
    {
        await WriteConfigAsync("local.bin");
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config);
        using var stream = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", _net.ServerNamespace, "curl", "-sN", "--max-time", "60", $"http://127.0.0.1:{Port}/api/v1/events"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            // The stream's first line says it is open: the subscription exists before the machine asks.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal(": PxeKit events", await stream.StandardOutput.ReadLineAsync(deadline.Token));
            var lease = _net.UdhcpcAsync(_root);
            var steps = new List<string>();
            while (!steps.Contains("DhcpAck") && await stream.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    steps.Add(JsonLinesJournalSink.Parse(line["data: ".Length..])!.Step.ToString());
                }
            }

            Assert.NotNull(await lease);
            Assert.Equal(["DhcpDiscover", "DhcpOffer", "DhcpRequest", "DhcpAck"], steps.Where(s => s.StartsWith("Dhcp", StringComparison.Ordinal)));
        }
        finally
        {
            stream.Kill(entireProcessTree: true);
            await stream.WaitForExitAsync();
        }
    }

    [HostFact(Programs = ["busybox", "curl"])]
    public async Task Beyond_loopback_every_request_needs_the_token_and_a_token_file_others_can_read_is_refused()
    {
        var token = Path.Combine(_root, "token");
        await File.WriteAllTextAsync(token, "0123456789abcdef0123456789abcdef\n");
        File.SetUnixFileMode(token, (UnixFileMode)0b110_100_100);
        await WriteConfigAsync("local.bin", $"address: {VethNetwork.ServerAddress}\n  token-file: {token}");
        var refused = await Sh.InNamespaceAsync(_net.ServerNamespace, TimeSpan.FromSeconds(60), "dotnet", ServeProcess.PxekitDll, "serve", "--config", Config);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("can be read by every user", refused.Error, StringComparison.Ordinal);

        File.SetUnixFileMode(token, (UnixFileMode)0b110_000_000);
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config);
        var url = $"http://{VethNetwork.ServerAddress}:{Port}/api/v1/status";
        var without = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(10), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url);
        var wrong = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(10), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer 0123456789abcdef0123456789abcdee", url);
        var with = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(10), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer 0123456789abcdef0123456789abcdef", url);
        var metrics = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(10), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", $"http://{VethNetwork.ServerAddress}:{Port}/metrics");

        var config = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(10), "curl", "-sf", "-H", "Authorization: Bearer 0123456789abcdef0123456789abcdef", $"http://{VethNetwork.ServerAddress}:{Port}/api/v1/config");

        Assert.Equal(("401", "401", "200", "401"), (without.Output, wrong.Output, with.Output, metrics.Output));
        // The configuration says there is a token, and never what it is.
        Assert.Contains("\"token\":true", config.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", config.Output, StringComparison.Ordinal);
    }

    private async Task WriteConfigAsync(string afterInstall, string management = "")
    {
        var next = Config + ".new";
        await File.WriteAllTextAsync(next, $"""
            interface: {_net.ServerInterface}
            root: {_root}
            lease-db: {Path.Combine(_root, "state", "leases.db")}
            management:
              port: {Port}
              {management}
            dhcp:
              range: 10.48.0.100-10.48.0.110
            profiles:
              - name: install
                boot: install.bin
                once: true
              - name: local
                boot: {afterInstall}
            """);
        File.SetUnixFileMode(next, (UnixFileMode)0b110_100_100);
        File.Move(next, Config, overwrite: true);
    }

    private async Task<JsonDocument> GetAsync(string path) => await SendAsync("GET", path, null);

    private async Task<JsonDocument> SendAsync(string method, string path, string? json)
    {
        var result = await CurlAsync(method, path, json, "-f");
        Assert.True(result.ExitCode == 0, $"{method} {path}: curl {result.ExitCode}: {result.Output} {result.Error}");
        return JsonDocument.Parse(result.Output);
    }

    private async Task<string> StatusOfAsync(string method, string path) =>
        (await CurlAsync(method, path, null, "-o", "/dev/null", "-w", "%{http_code}")).Output;

    private Task<Sh.Result> CurlAsync(string method, string path, string? json, params string[] extra)
    {
        string[] body = json is null ? [] : ["-H", "Content-Type: application/json", "--data", json];
        return Sh.InNamespaceAsync(_net.ServerNamespace, TimeSpan.FromSeconds(20), ["curl", "-s", "-X", method, .. body, .. extra, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/api/v1/{path}")]);
    }
}
