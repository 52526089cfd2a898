namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// The answer to <see cref="FirewallInspector.CheckAsync"/>. No findings means nothing in the rule sets of
/// <paramref name="ToolsRead"/> blocks the traffic asked about; <paramref name="Notes"/> say what could not be
/// read or evaluated, and must be shown with an empty answer.
/// </summary>
public sealed record FirewallReport(
    IReadOnlyList<FirewallQuestion> Questions,
    IReadOnlyList<FirewallFinding> Findings,
    IReadOnlyList<FirewallTool> ToolsRead,
    IReadOnlyList<string> Notes)
{
    public IReadOnlyList<FirewallFinding> For(FirewallQuestion question) => [.. Findings.Where(f => f.Question == question)];
}
