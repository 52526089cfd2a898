using System.Net;

namespace PxeKit.Cli.Import;

/// <summary>
/// <c>dhcp-range=[tag:T,...][set:T,]START[,END|MODE[,NETMASK[,BROADCAST]]][,LEASE]</c>, IPv4.
/// </summary>
/// <param name="Tags">The tags a request must have (or not) for the range to serve it.</param>
/// <param name="SetTag">The tag set on requests this range serves.</param>
/// <param name="End">Null for a proxy or static range, which name a subnet rather than a span.</param>
/// <param name="LeaseTime">Null when not given (dnsmasq's default is one hour, as PxeKit's); never infinite.</param>
public sealed record DhcpRangeDirective(
    DnsmasqLine Line,
    IReadOnlyList<TagCondition> Tags,
    string? SetTag,
    IPAddress Start,
    IPAddress? End,
    IPAddress? Mask,
    DhcpRangeMode Mode,
    TimeSpan? LeaseTime) : DnsmasqDirective(Line);
