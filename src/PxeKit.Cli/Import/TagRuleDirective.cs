namespace PxeKit.Cli.Import;

/// <summary>
/// A tag set from what the client sent: <c>dhcp-match</c> (option 93, 77, 60, or iPXE's 175),
/// <c>dhcp-userclass</c> or <c>dhcp-vendorclass</c>.
/// </summary>
public sealed record TagRuleDirective(DnsmasqLine Line, string SetTag, ClientCondition Condition) : DnsmasqDirective(Line);
