namespace PxeKit.Cli.Import;

/// <summary><c>enable-tftp[=IF,...]</c>: TFTP on every interface served, or on those named.</summary>
public sealed record EnableTftpDirective(DnsmasqLine Line, IReadOnlyList<string> Interfaces) : DnsmasqDirective(Line);
