namespace PxeKit.Cli.Tests.Explain;

/// <summary>
/// <c>pxekit explain</c> with the conditions of issue 18 (subnet, UUID, host name, option 82): each profile says why it
/// matched or not, read from the configuration file as <c>serve</c> reads it.
/// </summary>
public sealed class ExplainMatchingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-explain-match-").FullName;
    private readonly string _config;

    public ExplainMatchingTests()
    {
        File.WriteAllText(Path.Combine(_root, "rack.0"), "");
        File.WriteAllText(Path.Combine(_root, "node.0"), "");
        File.WriteAllText(Path.Combine(_root, "port.0"), "");
        File.WriteAllText(Path.Combine(_root, "one.0"), "");
        _config = Path.Combine(_root, "pxekit.yaml");
        File.WriteAllText(_config, $$"""
            root: {{_root}}
            dhcp:
              relayed:
                - { subnet: 10.60.0.0/24, range: 10.60.0.100-10.60.0.199 }
            profiles:
              - name: one-machine
                match: { uuid: [8C2D4E5F-0A1B-4C3D-9E8F-123456789ABC] }
                boot: one.0
              - name: port-100
                match: { circuit-id: ["eth0:100"], remote-id: ["00:11:22:33:44:55"] }
                boot: port.0
              - name: nodes
                match: { hostname: ["node-*"] }
                boot: node.0
              - name: rack60
                match: { subnet: [10.60.0.0/24] }
                boot: rack.0
            """);
    }

    private Task<Sh.Result> ExplainAsync(params string[] arguments) =>
        Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "explain", "--config", _config, "--server-address", "10.47.0.1/24", "--mac", "52:54:00:12:34:56", .. arguments], TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_relayed_client_is_told_each_condition_and_takes_the_first_profile_that_holds()
    {
        var result = await ExplainAsync("--relay", "10.60.0.1", "--circuit-id", "eth0:200", "--remote-id", "00:11:22:33:44:55", "--hostname", "web-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("one-machine: no: uuid ", result.Output, StringComparison.Ordinal); // explain's client always sends option 97: PxeClientRequest makes one from its MAC
        Assert.Contains("port-100: no: circuit id \"eth0:200\" is not one of eth0:100", result.Output, StringComparison.Ordinal);
        Assert.Contains("nodes: no: host name \"web-1\" is not one of node-*", result.Output, StringComparison.Ordinal);
        Assert.Contains("=> rack60: matches, chosen", result.Output, StringComparison.Ordinal);
        Assert.Contains("file=\"rack.0\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_uuid_the_circuit_and_the_host_name_each_choose_their_profile()
    {
        var byUuid = await ExplainAsync("--uuid", "8c2d4e5f-0a1b-4c3d-9e8f-123456789abc");
        var byPort = await ExplainAsync("--relay", "10.60.0.1", "--circuit-id", "eth0:100", "--remote-id", "00:11:22:33:44:55");
        var byName = await ExplainAsync("--hostname", "NODE-3");

        Assert.Contains("=> one-machine: matches, chosen", byUuid.Output, StringComparison.Ordinal);
        Assert.Contains("=> port-100: matches, chosen", byPort.Output, StringComparison.Ordinal);
        Assert.Contains("=> nodes: matches, chosen", byName.Output, StringComparison.Ordinal);
        Assert.Contains("rack60: no: its subnet (10.47.0.1) is not in 10.60.0.0/24", byName.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_circuit_id_without_a_relay_is_refused()
    {
        var result = await ExplainAsync("--circuit-id", "eth0:100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--circuit-id and --remote-id are a relay's (option 82): give --relay too", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
