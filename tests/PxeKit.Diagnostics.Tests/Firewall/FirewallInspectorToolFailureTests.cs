using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>A missing or failing tool is a note in the report, never an exception (a host without nft must still be checked).</summary>
public sealed class FirewallInspectorToolFailureTests
{
    /// <summary>Stands in for a host where nothing is installed but iptables-save, which fails.</summary>
    private sealed class BrokenToolsRunner : ICommandRunner
    {
        public bool DryRun => false;

        public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default) => command.FileName switch
        {
            "iptables-save" => Task.FromResult(new CommandResult(command, 1, "", "iptables-save: Permission denied (you must be root)")),
            _ => throw new CommandException($"Could not start `{command.ToShell()}`: No such file or directory"),
        };
    }

    [Fact]
    public async Task Missing_and_failing_tools_become_notes_and_nothing_was_read()
    {
        var report = await new FirewallInspector(new BrokenToolsRunner()).CheckAsync(FirewallQuestion.ForPxeServer());

        Assert.Empty(report.Findings);
        Assert.Empty(report.ToolsRead);
        Assert.Contains(report.Notes, n => n.Contains("Permission denied", StringComparison.Ordinal) && n.EndsWith("iptables rules were not read.", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("`nft -j list ruleset`", StringComparison.Ordinal) && n.EndsWith("nft rules were not read.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_reads_nothing_and_says_so()
    {
        var report = await new FirewallInspector(new ExplainCommandRunner(TextWriter.Null)).CheckAsync(FirewallQuestion.ForPxeServer());

        Assert.Empty(report.ToolsRead);
        Assert.Contains("Dry run", Assert.Single(report.Notes), StringComparison.Ordinal);
    }
}
