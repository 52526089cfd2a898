namespace PxeKit.Cli.Import;

/// <summary><c>interface=IF[,IF...]</c>: the interfaces dnsmasq serves.</summary>
public sealed record InterfaceDirective(DnsmasqLine Line, IReadOnlyList<string> Names) : DnsmasqDirective(Line);
