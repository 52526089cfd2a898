using PxeKit.Cli.Trace;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Cli.Tests.Trace;

public class ProbeFoldingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_of_pxelinux_probes_becomes_one_line_and_a_real_refusal_stays()
    {
        BootEvent[] events =
        [
            Refused(1, "pxelinux.cfg/01-52-54-00-00-00-01"),
            Refused(2, "pxelinux.cfg/0A00"),
            Refused(3, "pxelinux.cfg/0"),
            new() { Time = Start.AddSeconds(4), Step = BootStep.TftpComplete, File = "pxelinux.cfg/default" },
            Refused(5, "vmlinuz"),
        ];

        var folded = ProbeFolding.Fold(events);

        Assert.Equal(3, folded.Count);
        Assert.Equal(
            "pxelinux.cfg/01-52-54-00-00-00-01, pxelinux.cfg/0A00 ... pxelinux.cfg/0: 3 names the boot loader tries before its default configuration, not found (as expected)",
            folded[0].Detail);
        Assert.Equal(Start.AddSeconds(3), folded[0].Time);
        Assert.Equal("vmlinuz", folded[2].File);
    }

    [Fact]
    public void A_verdict_becomes_a_diagnosis_event_of_its_client()
    {
        var verdict = Verdict.Of(FaultId.DhcpUnanswered, "52:54:00:00:00:01", "Cause.", "Evidence.", "Fix it.");

        var e = verdict.ToEvent(Start, EvidenceSource.Capture);

        Assert.Equal((BootStep.Diagnosis, "52:54:00:00:00:01", "Cause. Evidence. Fix: Fix it."), (e.Step, e.Mac, e.Verdict?.Text));
    }

    private static BootEvent Refused(double seconds, string file) =>
        new() { Time = Start.AddSeconds(seconds), Step = BootStep.TftpRefused, File = file, Detail = $"{file}: ERROR 1 \"not found\"" };
}
