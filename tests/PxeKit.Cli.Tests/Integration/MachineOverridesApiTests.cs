using System.Globalization;
using System.Net;
using System.Text.Json;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// The operator's per-machine writes of the management API (issue 15), with curl into a running <c>pxekit serve</c> and
/// busybox udhcpc as the machine: a reservation gives the machine its address on its next exchange, survives a restart
/// on the same lease file, and once removed the machine gets a pool address again; a conflicting one is refused with its
/// reason; boot-local makes explain name the boot-local answer, and cleared, the profile again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MachineOverridesApiTests : IAsyncLifetime
{
    private const int Port = 9716;
    private const string Reserved = "10.48.0.60";
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-overrides-").FullName;
    private VethNetwork _net = null!;

    private string Config => Path.Combine(_root, "pxekit.yaml");

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "net.bin"), "net.bin");
        File.SetUnixFileMode(Path.Combine(_root, "net.bin"), (UnixFileMode)0b110_100_100);
        await File.WriteAllTextAsync(Config, $"""
            interface: {(_net = await VethNetwork.CreateAsync()).ServerInterface}
            root: {_root}
            lease-db: {Path.Combine(_root, "state", "leases.db")}
            management:
              port: {Port}
            dhcp:
              range: 10.48.0.100-10.48.0.110
              reservations:
                - mac: 52:54:00:00:00:aa
                  address: 10.48.0.50
            profiles:
              - name: net
                boot: net.bin
            """);
        File.SetUnixFileMode(Config, (UnixFileMode)0b110_100_100);
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["busybox", "curl"])]
    public async Task A_reservation_is_served_kept_through_a_restart_and_removed_and_boot_local_is_explained()
    {
        string mac;
        await using (var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config, "--user", "nobody"))
        {
            var first = await _net.UdhcpcAsync(_root);
            Assert.NotNull(first);
            Assert.True(InPool(first.Ip), first.Ip);
            await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.DhcpAck), TimeSpan.FromSeconds(10));
            mac = serve.Events.First(e => e.Step == BootStep.DhcpAck).Mac!;

            // Reserved, stored and journaled before the 204: the machine's next exchange gets the address.
            Assert.Equal("204", await StatusOfAsync("PUT", $"clients/{mac}/reservation", $$"""{"address":"{{Reserved}}","hostName":"web1"}"""));
            await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.ReservationSet && e.Mac == mac && e.Address == Reserved), TimeSpan.FromSeconds(10));
            Assert.Equal(Reserved, (await _net.UdhcpcAsync(_root))?.Ip);
            var detail = await CurlAsync("GET", $"clients/{mac}", null);
            using (var client = JsonDocument.Parse(detail.Body))
            {
                var overrides = client.RootElement.GetProperty("overrides");
                Assert.Equal((Reserved, "web1", false), (overrides.GetProperty("address").GetString(), overrides.GetProperty("hostName").GetString(), overrides.GetProperty("bootLocal").GetBoolean()));
            }

            // The configuration served now has it beside the YAML's.
            using (var config = JsonDocument.Parse((await CurlAsync("GET", "config", null)).Body))
            {
                var reserved = config.RootElement.GetProperty("scopes")[0].GetProperty("reservations").EnumerateArray().Select(r => (r.GetProperty("mac").GetString(), r.GetProperty("address").GetString())).ToList();
                Assert.Contains((mac, Reserved), reserved);
                Assert.Contains(("52:54:00:00:00:aa", "10.48.0.50"), reserved);
            }

            // Another machine cannot have it, nor the configuration's reserved address, nor the network's; the reasons say why.
            var taken = await CurlAsync("PUT", "clients/52:54:00:00:00:99/reservation", $$"""{"address":"{{Reserved}}"}""");
            Assert.Equal("409", taken.Status);
            Assert.Contains($"{Reserved} is reserved for {mac} through the API", Problems(taken.Body));
            Assert.Contains($"{Reserved} is leased now to {mac}", Problems(taken.Body));
            var yaml = await CurlAsync("PUT", "clients/52:54:00:00:00:aa/reservation", """{"address":"10.48.0.70"}""");
            Assert.Equal("409", yaml.Status);
            Assert.Equal(["the configuration reserves 10.48.0.50 for 52:54:00:00:00:aa, and it wins: change it there"], Problems(yaml.Body));
            var network = await CurlAsync("PUT", "clients/52:54:00:00:00:99/reservation", """{"address":"10.48.0.0"}""");
            Assert.Equal("400", network.Status);
            Assert.Equal(["10.48.0.0 is the network address of 10.48.0.0/24"], Problems(network.Body));
            Assert.Equal("400", (await CurlAsync("PUT", "clients/52:54:00:00:00:99/reservation", """{"address":"ten"}""")).Status);
            Assert.Equal("400", (await CurlAsync("PUT", "clients/52:54:00:00:00:99/reservation", """{"address":"fd00::60"}""")).Status);
            Assert.Equal("400", (await CurlAsync("PUT", "clients/not-a-mac/reservation", $$"""{"address":"{{Reserved}}"}""")).Status);
            Assert.Equal("400", await StatusOfAsync("PUT", "clients/not-a-mac/boot-local"));
            Assert.Equal("405", await StatusOfAsync("GET", $"clients/{mac}/boot-local"));

            // Boot-local goes before the profile, as explain tells; cleared, the profile answers again.
            Assert.Equal("net", await ExplainedProfileAsync(mac));
            Assert.Equal("204", await StatusOfAsync("PUT", $"clients/{mac}/boot-local"));
            Assert.Equal("boot-local (set through the API)", await ExplainedProfileAsync(mac));
            Assert.Equal("net", await ExplainedProfileAsync("52:54:00:00:00:99"));
            Assert.Equal("204", await StatusOfAsync("DELETE", $"clients/{mac}/boot-local"));
            Assert.Equal("net", await ExplainedProfileAsync(mac));
            await Eventually.HoldsAsync(
                () => serve.Events.Where(e => e.Mac == mac && e.Step is BootStep.BootLocalSet or BootStep.BootLocalCleared).Select(e => e.Step)
                    .SequenceEqual([BootStep.BootLocalSet, BootStep.BootLocalCleared]),
                TimeSpan.FromSeconds(10));
        }

        // The same lease file, a new server: the reservation is still served.
        await using (var again = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", Config, "--user", "nobody"))
        {
            Assert.Equal(Reserved, (await _net.UdhcpcAsync(_root))?.Ip);

            Assert.Equal("204", await StatusOfAsync("DELETE", $"clients/{mac}/reservation"));
            await Eventually.HoldsAsync(() => again.Events.Any(e => e.Step == BootStep.ReservationRemoved && e.Mac == mac && e.Address == Reserved), TimeSpan.FromSeconds(10));
            var after = await _net.UdhcpcAsync(_root);
            Assert.NotNull(after);
            Assert.True(InPool(after.Ip), after.Ip);
            Assert.Equal("404", await StatusOfAsync("DELETE", $"clients/{mac}/reservation"));
            Assert.False(again.HasExited, again.Error);
        }
    }

    private static bool InPool(string address)
    {
        var last = IPAddress.Parse(address).GetAddressBytes()[3];
        return address.StartsWith("10.48.0.", StringComparison.Ordinal) && last is >= 100 and <= 110;
    }

    private static List<string> Problems(string body)
    {
        using var error = JsonDocument.Parse(body);
        return [.. error.RootElement.GetProperty("problems").EnumerateArray().Select(e => e.GetString()!)];
    }

    private async Task<string> ExplainedProfileAsync(string mac)
    {
        var reply = await CurlAsync("POST", "explain", $$"""{"mac":"{{mac}}","userClass":"iPXE"}""");
        Assert.True(reply.Status == "200", reply.Body);
        using var explained = JsonDocument.Parse(reply.Body);
        return explained.RootElement.GetProperty("profile").GetString()!;
    }

    private async Task<string> StatusOfAsync(string method, string path, string? json = null) => (await CurlAsync(method, path, json)).Status;

    /// <summary>The status and body of one request, through curl in the server's namespace.</summary>
    private async Task<(string Status, string Body)> CurlAsync(string method, string path, string? json)
    {
        string[] body = json is null ? [] : ["-H", "Content-Type: application/json", "--data", json];
        var result = await Sh.InNamespaceAsync(_net.ServerNamespace, TimeSpan.FromSeconds(20),
            ["curl", "-s", "-X", method, .. body, "-w", "\n%{http_code}", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/api/v1/{path}")]);
        Assert.True(result.ExitCode == 0, $"{method} {path}: curl {result.ExitCode}: {result.Error}");
        var split = result.Output.LastIndexOf('\n');
        return (result.Output[(split + 1)..].Trim(), result.Output[..Math.Max(split, 0)]);
    }
}
