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
}
