namespace PxeKit.Host.Management;

/// <summary>A group of machines (<c>groups:</c>): its MACs, and the template variables its profiles see.</summary>
public sealed record GroupEntry(string Name, IReadOnlyList<string> Macs, IReadOnlyDictionary<string, string> Vars);
