using System.Net;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Doctor;

public sealed class PortCheckTests
{
    private static async Task<IReadOnlyList<DoctorFinding>> CheckAsync(IReadOnlyList<BoundSocket> sockets, Dictionary<long, SocketOwner> owners) =>
        await new PortCheck(() => sockets, () => owners).RunAsync(new DoctorSubject { Interface = "eth1" }, CancellationToken.None);

    [Fact]
    public async Task Another_dhcp_server_on_port_67_is_named_with_its_pid()
    {
        var findings = await CheckAsync([new BoundSocket(false, IPAddress.Any, 67, 7)], new() { [7] = new SocketOwner(4242, "dnsmasq") });

        var dhcp = Assert.Single(findings, f => f.Summary.StartsWith("UDP 67", StringComparison.Ordinal));
        Assert.Equal(DoctorSeverity.Warning, dhcp.Severity);
        Assert.Contains("dnsmasq (pid 4242)", dhcp.Summary, StringComparison.Ordinal);
        Assert.Contains("kill 4242", dhcp.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ports_pxekit_holds_are_fine_and_free_ports_are_information()
    {
        var findings = await CheckAsync(
            [new BoundSocket(false, IPAddress.Any, 67, 1), new BoundSocket(false, IPAddress.Any, 69, 2), new BoundSocket(true, IPAddress.IPv6Any, 80, 3)],
            new() { [1] = new SocketOwner(10, "pxekit"), [2] = new SocketOwner(10, "pxekit"), [3] = new SocketOwner(10, "pxekit") });

        Assert.Equal(4, findings.Count);
        Assert.Equal(3, findings.Count(f => f.Severity == DoctorSeverity.Ok));
        Assert.Contains(findings, f => f.Severity == DoctorSeverity.Info && f.Summary.StartsWith("UDP 4011", StringComparison.Ordinal));
    }
}
