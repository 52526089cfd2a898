using System.Globalization;
using PxeKit.Core.Processes;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>Turns a <see cref="ChainHit"/> into a <see cref="FirewallFinding"/>: the two commands and the sentence.</summary>
internal static class FindingBuilder
{
    public static FirewallFinding Build(ChainHit hit, FirewallQuestion question, string? networkNamespace)
    {
        var table = hit.Table;
        var name = table.Family is null ? table.Name : $"{table.Family} {table.Name}";
        var rule = hit.Rule?.Text ?? hit.BaseChain.PolicyText ?? $"policy {hit.BaseChain.Policy}";
        return new FirewallFinding(
            question,
            table.Tool,
            name,
            hit.Chain.Name,
            hit.BaseChain.Name,
            rule,
            hit.Rule?.Position,
            hit.Verdict,
            hit.Certain,
            hit.Conditions,
            hit.EarlierRules,
            InNamespace(Remove(hit), networkNamespace),
            InNamespace(Open(hit, question), networkNamespace),
            Explain(hit, question, rule));
    }

    private static Command Remove(ChainHit hit)
    {
        var table = hit.Table;
        var program = table.Tool.Program();
        if (table.Tool == FirewallTool.Nft)
        {
            return hit.Rule is { } rule
                ? new Command(program, "delete", "rule", table.Family!, table.Name, hit.Chain.Name, "handle", rule.Position.ToString(CultureInfo.InvariantCulture))
                : new Command(program, "chain", table.Family!, table.Name, hit.Chain.Name, "{ policy accept; }");
        }

        return hit.Rule is { } deleted
            ? new Command(program, ["-t", table.Name, "-D", hit.Chain.Name, .. deleted.Specification])
            : new Command(program, "-t", table.Name, "-P", hit.Chain.Name, "ACCEPT");
    }

    private static Command Open(ChainHit hit, FirewallQuestion question)
    {
        var table = hit.Table;
        var type = question.Port.ToString(CultureInfo.InvariantCulture);
        if (table.Tool == FirewallTool.Nft)
        {
            string[] match = question.Protocol == TransportProtocol.Icmpv6
                ? ["icmpv6", "type", type]
                : [question.Protocol == TransportProtocol.Udp ? "udp" : "tcp", "dport", question.Ports.ToString()];
            return new Command("nft", ["insert", "rule", table.Family!, table.Name, hit.BaseChain.Name, .. match, "accept"]);
        }

        string[] test = question.Protocol == TransportProtocol.Icmpv6
            ? ["-p", "ipv6-icmp", "--icmpv6-type", type]
            : ["-p", question.Protocol == TransportProtocol.Udp ? "udp" : "tcp", "--dport", question.Ports.ToString().Replace('-', ':')];
        return new Command(table.Tool.Program(), ["-t", table.Name, "-I", hit.BaseChain.Name, .. test, "-j", "ACCEPT"]);
    }

    private static Command InNamespace(Command command, string? networkNamespace) =>
        networkNamespace is null ? command : command.Prefixed("ip", "netns", "exec", networkNamespace);

    /// <summary>
    /// "The rule `-A INPUT -p udp -m udp --dport 67 -j DROP` (rule 1 of chain INPUT) in iptables' filter table
    /// drops DHCP requests to PxeKit (UDP 67 in) before PxeKit's socket sees them."
    /// </summary>
    private static string Explain(ChainHit hit, FirewallQuestion question, string rule)
    {
        var verb = hit.Verdict == FirewallVerdict.Drop ? "drops" : "rejects";
        var effect = question.Direction switch
        {
            TrafficDirection.Incoming => "before PxeKit's socket sees them",
            TrafficDirection.Outgoing => "after PxeKit sent them, so clients never get them",
            _ => "as they cross this host, so they never arrive",
        };
        var what = $"{verb} {question.Why} ({question.Describe()}) {effect}";
        var sentence = hit.Rule is { } found
            ? $"The rule `{rule}` ({Where(hit, found)}) in {hit.Table.Describe()} {what}"
            : $"The policy of chain {hit.BaseChain.Name} (`{rule}`) in {hit.Table.Describe()} {what}, because no rule in the chain accepts them first";
        if (hit.Path.Count > 0)
        {
            sentence += $", reached from {hit.BaseChain.Name} through `{string.Join("` then `", hit.Path)}`";
        }

        if (hit.Conditions.Count > 0)
        {
            sentence += $", when the packet also matches `{string.Join("` and `", hit.Conditions)}` (PxeKit cannot tell)";
        }

        if (hit.EarlierRules.Count > 0)
        {
            sentence += $", unless an earlier rule that may match lets it by: `{string.Join("`, `", hit.EarlierRules)}`";
        }

        return sentence + ".";
    }

    private static string Where(ChainHit hit, FirewallRule rule) => hit.Table.Tool == FirewallTool.Nft
        ? string.Create(CultureInfo.InvariantCulture, $"handle {rule.Position} in chain {hit.Chain.Name}")
        : string.Create(CultureInfo.InvariantCulture, $"rule {rule.Position} of chain {hit.Chain.Name}");
}
