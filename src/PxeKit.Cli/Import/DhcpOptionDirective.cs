namespace PxeKit.Cli.Import;

/// <summary><c>dhcp-option[-force]=[tag:T,...]CODE|option:NAME[,VALUE...]</c>, IPv4 and not encapsulated.</summary>
/// <param name="Values">The value's fields as written; none means "send no such option".</param>
/// <param name="Force">dhcp-option-force: sent even when the client did not ask for it.</param>
public sealed record DhcpOptionDirective(
    DnsmasqLine Line,
    IReadOnlyList<TagCondition> Tags,
    byte Code,
    IReadOnlyList<DnsmasqField> Values,
    bool Force) : DnsmasqDirective(Line);
