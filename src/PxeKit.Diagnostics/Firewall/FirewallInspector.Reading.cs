using PxeKit.Core.Processes;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>Running the tools that print the rules.</summary>
public sealed partial class FirewallInspector
{
    private async Task<IReadOnlyList<FirewallTable>> ReadIptablesAsync(
        FirewallTool tool, List<FirewallTool> read, List<string> notes, CancellationToken cancellationToken)
    {
        var program = tool.Program() + "-save";
        var output = await RunAsync(new Command(program), notes, $"{tool.Program()} rules were not read", cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return [];
        }

        if (tool is FirewallTool.Iptables or FirewallTool.Ip6tables && output.Contains('*', StringComparison.Ordinal) && !IptablesSaveParser.IsNfTablesBackend(output))
        {
            notes.Add($"{program} here is the legacy backend (not nf_tables); its rules are read with {tool.Program()}-legacy-save instead.");
            return [];
        }

        read.Add(tool);
        return IptablesSaveParser.Parse(output, tool);
    }

    /// <summary>Native nft tables; the ip and ip6 tables iptables-save and ip6tables-save already showed (iptables-nft's own) are left to them.</summary>
    private async Task<IReadOnlyList<FirewallTable>> ReadNftAsync(
        IReadOnlySet<(string Family, string Name)> shownByIptables, List<FirewallTool> read, List<string> notes, CancellationToken cancellationToken)
    {
        var json = await RunAsync(new Command("nft", "-j", "list", "ruleset"), notes, "nft rules were not read", cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return [];
        }

        var listing = await RunAsync(new Command("nft", "-a", "list", "ruleset"), notes, "nft rules are shown from their JSON form", cancellationToken).ConfigureAwait(false);
        var parsed = NftJsonParser.Parse(json, listing is null ? NftRuleTexts.Empty : NftRuleTexts.Parse(listing), notes);
        read.Add(FirewallTool.Nft);
        return [.. parsed.Where(t => t.Family is null || !shownByIptables.Contains((t.Family, t.Name)))];
    }

    /// <summary>Whether bridged frames pass the FORWARD chains; said only when forwarded traffic was asked about.</summary>
    private async Task NoteBridgeFilteringAsync(bool forwardedAsked, List<string> notes, CancellationToken cancellationToken)
    {
        if (!forwardedAsked)
        {
            return;
        }

        var command = InNamespace(new Command("sysctl", "-n", "net.bridge.bridge-nf-call-iptables"));
        CommandResult result;
        try
        {
            result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandException)
        {
            return;
        }

        var on = result.Succeeded && result.StandardOutput.Trim() == "1";
        notes.Add(on
            ? "Bridge netfilter is on (net.bridge.bridge-nf-call-iptables = 1): frames bridged through this host pass the FORWARD chains."
            : "Bridge netfilter is off (br_netfilter not loaded or net.bridge.bridge-nf-call-iptables = 0): bridged frames do not pass iptables or nft ip/inet chains.");
    }

    /// <summary>The tool's standard output, or null with a note saying why it could not be had.</summary>
    private async Task<string?> RunAsync(Command command, List<string> notes, string consequence, CancellationToken cancellationToken)
    {
        command = InNamespace(command);
        try
        {
            var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return result.StandardOutput;
            }

            notes.Add($"{CommandException.From("Reading the firewall", result).Message}; {consequence}.");
        }
        catch (CommandException e)
        {
            notes.Add($"{e.Message}; {consequence}.");
        }

        return null;
    }

    private Command InNamespace(Command command) =>
        networkNamespace is null ? command : command.Prefixed("ip", "netns", "exec", networkNamespace);
}
