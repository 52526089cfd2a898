using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Tests.Rules;

namespace PxeKit.Diagnostics.Tests.Engine;

/// <summary>
/// serve's engine runs for months: what it keeps of the verdicts it said, and of what it said of whom, is bounded, so
/// a flood of forged MACs that each earn a verdict costs a fixed amount of memory.
/// </summary>
public sealed class DiagnosisEngineBoundsTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    // One event that earns its machine a verdict at once: the boot API failed for it.
    private static BootEvent Failed(string mac) => new()
    {
        Time = EngineHarness.Start,
        Step = BootStep.BootApiFailed,
        Mac = mac,
        File = "/boot.ipxe",
        BootApi = new BootApiFacts { Url = "http://provisioner:8080/v1/boot", Failure = BootApiFailure.Timeout },
    };

    private static string Mac(int i) => $"02:00:00:{(i >> 16) & 0xff:x2}:{(i >> 8) & 0xff:x2}:{i & 0xff:x2}";

    [Fact]
    public void The_newest_verdicts_are_kept_and_the_oldest_go()
    {
        for (int i = 0; i < DiagnosisEngine.MaxVerdicts + 100; i++)
        {
            _engine.Feed(Failed(Mac(i)));
        }

        var kept = _engine.Engine.Verdicts;
        Assert.Equal(DiagnosisEngine.MaxVerdicts, kept.Count);
        Assert.Equal((Mac(100), Mac(DiagnosisEngine.MaxVerdicts + 99)), (kept[0].Client, kept[^1].Client));
    }

    [Fact]
    public async Task A_fault_said_of_a_machine_forgotten_since_is_said_again_and_not_before()
    {
        _engine.Feed(Failed(Mac(0)), Failed(Mac(0)));
        Assert.Single(await _engine.SaidAsync());

        // As many other machines with the fault as the engine remembers, each asked about more recently than the first.
        for (int i = 1; i <= DiagnosisEngine.MaxSaid; i++)
        {
            _engine.Feed(Failed(Mac(i)));
        }

        _engine.Feed(Failed(Mac(0)));

        var said = await _engine.SaidAsync();
        Assert.Equal(DiagnosisEngine.MaxSaid + 2, said.Count);
        Assert.Equal((FaultId.BootApiFailed, Mac(0)), (said[^1].Fault, said[^1].Client));
    }

    [Fact]
    public async Task A_client_met_once_the_engine_is_full_takes_the_oldest_clients_state_and_none_of_its_past()
    {
        // The oldest sent one DISCOVER nobody answered: one more and the rule would say so.
        _engine.Feed(Ev.Request(mac: Mac(0))).Advance(1);
        var oldest = Assert.Single(_engine.Engine.ClientsInOrder, c => c.Key == Mac(0));
        for (int i = 1; i <= DiagnosisEngine.MaxClients; i++)
        {
            _engine.Feed(Ev.Request(mac: Mac(i)));
        }

        var newest = Assert.Single(_engine.Engine.ClientsInOrder, c => c.Key == Mac(DiagnosisEngine.MaxClients));
        Assert.Same(oldest, newest);
        Assert.DoesNotContain(_engine.Engine.ClientsInOrder, c => c.Key == Mac(0));

        // Two DISCOVERs of its own: the verdict counts those, not the oldest client's as well.
        _engine.Feed(Ev.Request(mac: Mac(DiagnosisEngine.MaxClients))).Finish();
        var unanswered = Assert.Single(await _engine.SaidAsync(), v => v.Fault == FaultId.DhcpUnanswered);
        Assert.Equal(Mac(DiagnosisEngine.MaxClients), unanswered.Client);
        Assert.StartsWith($"{Mac(DiagnosisEngine.MaxClients)} sent 2 DISCOVERs over 0.0 s", unanswered.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_a_rule_still_waits_on_is_forgotten_with_its_state_kept_for_the_verdict()
    {
        // Two servers offered, both with a boot file: the rule of the second server alone waits out its grace for the
        // client's REQUEST.
        _engine.Feed(Ev.Request(), Ev.Reply(server: "10.47.0.2", address: "10.47.0.160", file: "ipxe.efi", wire: true), Ev.Reply(file: "pxelinux.0"));
        var waiting = Assert.Single(_engine.Engine.ClientsInOrder, c => c.Key == Ev.Mac);
        for (int i = 1; i <= DiagnosisEngine.MaxClients; i++)
        {
            _engine.Feed(Ev.Request(mac: Mac(i)));
        }

        Assert.DoesNotContain(_engine.Engine.ClientsInOrder, c => c.Key == Ev.Mac);
        Assert.NotSame(waiting, Assert.Single(_engine.Engine.ClientsInOrder, c => c.Key == Mac(DiagnosisEngine.MaxClients)));

        var verdict = Assert.Single(await _engine.Advance(2.1).SaidAsync(), v => v.Fault == FaultId.OtherDhcpServer);
        Assert.StartsWith($"2 DHCP servers answer {Ev.Mac}: 10.47.0.1 and 10.47.0.2.", verdict.Cause, StringComparison.Ordinal);
    }
}
