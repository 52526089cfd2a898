using System.Net;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Doctor;

public sealed class PortCheckTests
{
    private static async Task<(CheckResult Checked, IReadOnlyList<Verdict> Verdicts)> CheckAsync(IReadOnlyList<BoundSocket> sockets, Dictionary<long, SocketOwner> owners)
    {
        var subject = new DoctorSubject { Interface = "eth1" };
        var result = await new PortCheck(() => sockets, () => owners).RunAsync(subject, CancellationToken.None);
        return (result, PxeKit.Diagnostics.Doctor.Doctor.Judge(subject, result.Evidence));
    }

    [Fact]
    public async Task Another_dhcp_server_on_port_67_is_the_port_taken_fault_with_its_pid()
    {
        var (_, verdicts) = await CheckAsync([new BoundSocket(false, IPAddress.Any, 67, 7)], new() { [7] = new SocketOwner(4242, "dnsmasq") });

        var taken = Assert.Single(verdicts);
        Assert.Equal((FaultId.PortTaken, Confidence.Likely), (taken.Fault, taken.Confidence));
        Assert.StartsWith("UDP 67 (DHCP) is held by dnsmasq (pid 4242)", taken.Cause, StringComparison.Ordinal);
        Assert.Contains("kill 4242", taken.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ports_pxekit_holds_are_fine_and_free_ports_are_information()
    {
        var (result, verdicts) = await CheckAsync(
            [new BoundSocket(false, IPAddress.Any, 67, 1), new BoundSocket(false, IPAddress.Any, 69, 2), new BoundSocket(true, IPAddress.IPv6Any, 80, 3)],
            new() { [1] = new SocketOwner(10, "pxekit"), [2] = new SocketOwner(10, "pxekit"), [3] = new SocketOwner(10, "pxekit") });

        Assert.Empty(verdicts);
        Assert.Equal(4, result.Evidence.Count);
        Assert.Equal(3, result.Observations.Count(o => o.Kind == ObservationKind.Ok));
        Assert.Contains(result.Observations, o => o.Kind == ObservationKind.Info && o.Sentence.StartsWith("UDP 4011", StringComparison.Ordinal));
    }
}
