namespace PxeKit.Cli.Import;

/// <summary>A dnsmasq setting that says what some clients boot (dhcp-boot with tags, pxe-service), on its way to a profile.</summary>
/// <param name="Positive">The tags the client must have.</param>
/// <param name="Negated">The tags it must not have: kept by putting the profiles for those tags first.</param>
/// <param name="Extra">A condition of its own (pxe-service's architecture), beside its tags.</param>
/// <param name="File">The boot program; null for <paramref name="Local"/>.</param>
internal sealed record BootEntry(DnsmasqLine Line, string Name, IReadOnlyList<string> Positive, IReadOnlyList<string> Negated, ClientCondition? Extra, string? File, bool Local);
