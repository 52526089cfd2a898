using System.Net;

namespace PxeKit.Cli.Import;

/// <summary><c>dhcp-host=[MAC...][,id:CLIENT-ID][,set:T][,tag:T][,ADDRESS][,HOSTNAME][,LEASE][,ignore]</c>.</summary>
/// <param name="Macs">The MACs, lower case, as written (dnsmasq allows several, and <c>*</c> wildcards).</param>
/// <param name="SetTag">The tag set on requests from these MACs.</param>
/// <param name="Others">The fields PxeKit has no place for (client ids, lease times, ignore, tags to match, IPv6), as written.</param>
public sealed record DhcpHostDirective(
    DnsmasqLine Line,
    IReadOnlyList<string> Macs,
    IPAddress? Address,
    string? Hostname,
    string? SetTag,
    IReadOnlyList<string> Others) : DnsmasqDirective(Line);
