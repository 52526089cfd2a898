using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>The external boot API's failure (issue 15), from its typed event: named once per machine, with its cause and fix.</summary>
public sealed class BootApiFailedRuleTests : IDisposable
{
    private const string Url = "http://provisioner:8080/v1/boot/52:54:00:12:34:56";

    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    private static BootEvent Failed(BootApiFailure failure, int? status = null) => new()
    {
        Time = EngineHarness.Start,
        Step = BootStep.BootApiFailed,
        Mac = Mac,
        Address = Client,
        File = "/boot.ipxe",
        BootApi = new BootApiFacts { Url = Url, Failure = failure, Status = status },
        Detail = "words no rule reads",
    };

    [Theory]
    [InlineData(BootApiFailure.Timeout, null, "it did not answer within boot-api-timeout", "raise boot-api-timeout")]
    [InlineData(BootApiFailure.Unreachable, null, "could not connect to it", "start the service, or correct boot-api:")]
    [InlineData(BootApiFailure.BadStatus, 500, "it answered HTTP 500", "curl -i " + Url)]
    [InlineData(BootApiFailure.BadReply, 200, "is not the reply format", "docs/boot-api.md")]
    [InlineData(BootApiFailure.TooLarge, 200, "larger than 64 KiB", "docs/boot-api.md")]
    public async Task Each_failure_is_named_with_its_cause_and_fix(BootApiFailure failure, int? status, string cause, string fix)
    {
        _engine.Feed(Failed(failure, status));

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((FaultId.BootApiFailed, Mac, Confidence.Certain), (verdict.Fault, verdict.Client, verdict.Confidence));
        Assert.Contains(cause, verdict.Cause, StringComparison.Ordinal);
        Assert.Contains(Url, verdict.Seen, StringComparison.Ordinal);
        Assert.Contains(fix, verdict.Fix, StringComparison.Ordinal);
        Assert.Equal(BootStep.BootApiFailed, Assert.Single(verdict.Evidence).Step);
    }

    [Fact]
    public async Task A_machine_whose_every_request_fails_is_named_once()
    {
        _engine.Feed(Failed(BootApiFailure.Timeout)).Advance(5).Feed(Failed(BootApiFailure.Timeout));

        Assert.Single(await _engine.SaidAsync());
    }

    [Fact]
    public async Task A_boot_api_that_answers_raises_nothing()
    {
        _engine.Feed(Reply(DhcpMessageType.Ack), Delivered("boot.ipxe", step: BootStep.HttpComplete)).Advance(60).Finish();

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.BootApiFailed);
    }
}
