namespace PxeKit.Cli.Import;

/// <summary><c>tftp-root=DIR[,IF]</c>: the directory TFTP serves, for every interface or the one named.</summary>
public sealed record TftpRootDirective(DnsmasqLine Line, string Path, string? Interface) : DnsmasqDirective(Line);
