using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class BootServerUnansweredRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Requests_to_the_boot_server_that_no_ack_answers_are_named_when_the_evidence_is_complete()
    {
        // The proxy offer on 67 answers the DISCOVER (xid 1): it is no answer to the REQUESTs on 4011 (xid 2).
        _engine.Feed(
            Request(arch: ClientArchitecture.EfiBc),
            Reply(address: null, xid: 1),
            Request(DhcpMessageType.Request, port: 4011, arch: ClientArchitecture.EfiBc, xid: 2),
            Request(DhcpMessageType.Request, port: 4011, arch: ClientArchitecture.EfiBc, xid: 2)).Finish();

        var verdict = Assert.Single(await _engine.SaidAsync(), v => v.Fault == FaultId.BootServerUnanswered);
        Assert.Contains("sent 2 REQUESTs", verdict.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_boot_server_answered_is_no_fault_and_a_client_that_never_asked_keeps_nothing()
    {
        _engine.Feed(
            Request(DhcpMessageType.Request, port: 4011, arch: ClientArchitecture.EfiBc, xid: 2),
            Reply(DhcpMessageType.Ack, address: null, file: "ipxe.efi", xid: 2, port: 4011),
            Request(mac: "52:54:00:00:00:77", xid: 9),
            Reply(xid: 9) with { Mac = "52:54:00:00:00:77" }).Finish();

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.BootServerUnanswered);
    }
}
