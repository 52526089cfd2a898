namespace PxeKit.Cli.Import;

/// <summary><c>dhcp-boot=[tag:T,...]FILE[,SERVER-NAME[,SERVER-ADDRESS]]</c>.</summary>
/// <param name="ServerName">The <c>sname</c> field to send; null when not given.</param>
/// <param name="ServerAddress">Another TFTP server's address (siaddr) or name; null when dnsmasq serves the file itself.</param>
public sealed record DhcpBootDirective(
    DnsmasqLine Line,
    IReadOnlyList<TagCondition> Tags,
    string File,
    string? ServerName,
    string? ServerAddress) : DnsmasqDirective(Line);
