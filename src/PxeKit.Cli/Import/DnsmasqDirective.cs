namespace PxeKit.Cli.Import;

/// <summary>A dnsmasq setting, parsed: one subtype per kind of setting the import understands.</summary>
/// <param name="Line">Where it was written, for every message about it.</param>
public abstract record DnsmasqDirective(DnsmasqLine Line);
