using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Tftp;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

/// <summary>The rules that decide when the evidence is complete: a missing file, the kernel without its marker, a silent link.</summary>
public sealed class BootEndRulesTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task A_missing_file_is_named_when_the_boot_is_over_but_boot_loader_probes_are_not()
    {
        _engine.Feed(Request(), Reply(file: "pxelinux.0"), NotFound("pxelinux.cfg/01-52-54-00-12-34-56"), Delivered("pxelinux.cfg/default"), NotFound("vmlinuz"));
        Assert.Empty(await _engine.SaidAsync());

        var verdict = Assert.Single(await _engine.Finish().SaidAsync());
        Assert.Equal((FaultId.BootFileMissing, Mac), (verdict.Fault, verdict.Client));
        Assert.Equal("52:54:00:12:34:56 asked for vmlinuz and the TFTP server at 10.47.0.1 does not have it.", verdict.Cause);
        Assert.Equal("The server answered TFTP ERROR 1 (FileNotFound).", verdict.Seen);
    }

    [Fact]
    public async Task A_file_a_later_request_got_is_not_missing_and_an_access_violation_is_a_refusal()
    {
        var denied = NotFound("secret.cfg") with { Tftp = new TftpFacts { ErrorCode = TftpErrorCode.AccessViolation } };
        _engine.Feed(Request(), Reply(file: "pxelinux.0"), NotFound("vmlinuz"), Delivered("vmlinuz"), denied).Finish();

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.BootFileRefused, verdict.Fault);
    }

    [Fact]
    public async Task A_kernel_that_started_without_the_marker_points_at_the_initramfs()
    {
        _engine.Feed(Request(), Console(BootStep.KernelStarted)).Finish();

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.KernelWithoutMarker, verdict.Fault);
        Assert.Contains("the network boot worked", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watched_machine_whose_dhcp_never_reached_the_server_points_at_the_link()
    {
        _engine.Feed(Console(BootStep.Firmware)).Finish();

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.NoDhcpRequest, verdict.Fault);
        Assert.Contains("check the link", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boot_that_reached_its_marker_says_nothing_and_a_verdict_already_said_is_not_said_again()
    {
        Assert.Empty(DiagnosisEngine.Replay([Request(), Console(BootStep.KernelStarted), Console(BootStep.Marker)]));

        var served = Verdict.Of(FaultId.KernelWithoutMarker, Mac, "Said by serve.", "", "Fix.");
        Assert.Empty(DiagnosisEngine.Replay([Request(), Console(BootStep.KernelStarted), served.ToEvent(EngineHarness.Start, EvidenceSource.Console)]));
    }
}
