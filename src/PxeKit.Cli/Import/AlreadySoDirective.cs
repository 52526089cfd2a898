namespace PxeKit.Cli.Import;

/// <summary>A setting that asks for what PxeKit always does (bind-interfaces, port=0, log-dhcp, ...): nothing to write.</summary>
/// <param name="Because">What PxeKit does, for the docs and the tests.</param>
public sealed record AlreadySoDirective(DnsmasqLine Line, string Because) : DnsmasqDirective(Line);
