namespace PxeKit.Diagnostics.Trace;

/// <summary>How the analyzer reads a capture.</summary>
public sealed record TraceAnalyzerOptions
{
    /// <summary>
    /// A TFTP transfer with no packet for this long has stalled (default 10 s: firmware retransmits every 1 to
    /// 4 s and gives up after a few tries, so a live transfer is never this quiet).
    /// </summary>
    public TimeSpan StallAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Only this client (MAC, any case, <c>:</c> or <c>-</c>); null for every client.</summary>
    public string? Mac { get; init; }

    /// <summary>TCP ports read as HTTP (default 80).</summary>
    public IReadOnlyList<int> HttpPorts { get; init; } = [80];

    /// <summary>
    /// The libpcap filter of a live capture for the analyzer: all of UDP over IPv4 and IPv6 (DHCP, DHCPv6, and TFTP,
    /// whose transfer ports are any), ICMPv6 (router discovery), TCP only on <see cref="HttpPorts"/>.
    /// </summary>
    public string CaptureFilter => string.Join(" or ", HttpPorts.Select(p => $"tcp port {p}").Prepend("icmp6").Prepend("udp"));
}
