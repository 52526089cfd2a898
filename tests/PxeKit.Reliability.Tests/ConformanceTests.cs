using PxeKit.Load.Conformance;
using PxeKit.Reliability.Tests.Support;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// The conformance and hostility suite (<c>pxekit load conformance</c>, the same probe scripts/bench.sh plays against
/// Kea and dnsmasq) against <c>pxekit serve</c> over a veth pair: every case must pass, each named by its id. The
/// server's standard output is stalled for the whole run, so every case is also played with a terminal that stopped reading.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ConformanceTests(PxrConformanceRun run) : IClassFixture<PxrConformanceRun>
{
    public static TheoryData<string> Cases => new(ConformanceCases.All.Select(c => c.Id));

    [HostTheory]
    [MemberData(nameof(Cases))]
    public async Task Pxekit_passes(string id)
    {
        var report = await run.ReportAsync();

        var result = Assert.Single(report.Results, r => r.Id == id);
        Assert.True(result.Outcome == ConformanceOutcome.Pass, $"{id}: {result.Outcome}: {result.Seen}\n{run.Transcript}");
    }
}
