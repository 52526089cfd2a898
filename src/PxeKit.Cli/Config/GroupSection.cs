namespace PxeKit.Cli.Config;

/// <summary>One entry of <c>groups:</c> written as a mapping: its machines and its template variables.</summary>
public sealed class GroupSection
{
    public List<string>? Macs { get; set; }

    public Dictionary<string, string>? Vars { get; set; }
}
