namespace PxeKit.Cli.Import;

/// <summary>A setting that has no PxeKit equivalent, or that could not be read, and why.</summary>
public sealed record NotMappedDirective(DnsmasqLine Line, string Reason) : DnsmasqDirective(Line);
