namespace PxeKit.Cli.Import;

/// <summary>A dnsmasq setting that is one PxeKit key: <c>dhcp-authoritative</c>, <c>no-ping</c>, <c>tftp-max=N</c>.</summary>
/// <param name="Number">The number given (tftp-max); 0 for the others.</param>
public sealed record SettingDirective(DnsmasqLine Line, DnsmasqSetting Setting, int Number) : DnsmasqDirective(Line);
