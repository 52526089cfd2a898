namespace PxeKit.Cli.Config;

/// <summary>The <c>dhcp:</c> section of the configuration file.</summary>
public sealed class DhcpSection
{
    /// <summary><c>FIRST-LAST</c>, e.g. <c>10.47.0.100-10.47.0.199</c>.</summary>
    public string? Range { get; set; }

    /// <summary>Seconds, or a number with s, m, h or d: <c>3600</c>, <c>30m</c>, <c>12h</c>.</summary>
    public string? LeaseTime { get; set; }

    public string? Router { get; set; }

    public List<string>? Dns { get; set; }

    public List<ReservationSection>? Reservations { get; set; }

    /// <summary>Subnets behind DHCP relays (requests with a giaddr on them).</summary>
    public List<RelayedSection>? Relayed { get; set; }

    /// <summary>Requests a second one client may send, with bursts of four times that; 0 turns it off. Default: 5.</summary>
    public double? RateLimit { get; set; }

    /// <summary>
    /// True when PxeKit is the only DHCP server of these subnets: it then NAKs a rebooting client that asks
    /// for an address on another network. Default: false (such a client is left to the server that knows it).
    /// </summary>
    public bool? Authoritative { get; set; }

    /// <summary>
    /// True to check, with an ARP probe, that nobody uses an address before offering it for the first time
    /// (RFC 2131 section 4.4.1). Default: true.
    /// </summary>
    public bool? Probe { get; set; }

    /// <summary>Other DHCP options (<see cref="OptionSection"/>).</summary>
    public List<OptionSection>? Options { get; set; }
}
