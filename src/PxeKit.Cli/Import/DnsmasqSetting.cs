namespace PxeKit.Cli.Import;

/// <summary>The dnsmasq settings that map one to one to a PxeKit key.</summary>
public enum DnsmasqSetting
{
    /// <summary><c>dhcp-authoritative</c> → <c>dhcp: authoritative: true</c>.</summary>
    Authoritative,

    /// <summary><c>no-ping</c> → <c>dhcp: probe: false</c>.</summary>
    NoPing,

    /// <summary><c>tftp-max=N</c> → <c>tftp: max-transfers: N</c>.</summary>
    TftpMax,
}
