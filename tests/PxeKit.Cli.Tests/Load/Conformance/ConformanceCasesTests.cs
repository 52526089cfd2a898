using PxeKit.Load.Conformance;

namespace PxeKit.Cli.Tests.Load.Conformance;

public class ConformanceCasesTests
{
    [Fact]
    public void Every_case_has_a_unique_id_a_section_and_says_what_it_sends_and_expects()
    {
        Assert.Equal(ConformanceCases.All.Count, ConformanceCases.All.Select(c => c.Id).Distinct().Count());
        Assert.All(ConformanceCases.All, c =>
        {
            Assert.Matches("^(2131|2132|3046|6842|forged|hostile)-[a-z0-9-]+$", c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Section));
            Assert.False(string.IsNullOrWhiteSpace(c.Sends));
            Assert.False(string.IsNullOrWhiteSpace(c.Expects));
        });
    }

    [Fact]
    public void Hostile_cases_that_leave_the_server_loaded_run_last()
    {
        // Starvation dries the pool and the held requests leave transfers behind: nothing may run after them but the
        // stalled-log case, which renews leases the run already holds.
        var ids = ConformanceCases.All.Select(c => c.Id).ToList();
        Assert.True(ids.IndexOf("hostile-starvation") > ids.FindLastIndex(i => !i.StartsWith("hostile-", StringComparison.Ordinal)));
        Assert.Equal("hostile-held-tftp", ids[^1]);
    }

    [Fact]
    public void Only_selects_by_id_or_prefix_and_keeps_the_suite_order()
    {
        Assert.All(ConformanceCases.Select(["2131"]), c => Assert.StartsWith("2131-", c.Id, StringComparison.Ordinal));
        Assert.Equal(["6842-client-id-echoed", "hostile-starvation"], ConformanceCases.Select(["hostile-starvation", "6842-client-id-echoed"]).Select(c => c.Id));
        Assert.Equal(ConformanceCases.All, ConformanceCases.Select([]));
        Assert.Empty(ConformanceCases.Select(["9999"]));
    }
}
