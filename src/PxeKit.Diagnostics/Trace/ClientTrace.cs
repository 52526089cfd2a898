using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// Everything the wire showed about one client: its boot events in order (the same vocabulary the server
/// journals), and the DHCP messages and TFTP transfers behind them, which the wire verdicts read.
/// </summary>
public sealed class ClientTrace
{
    private readonly List<BootEvent> _events = [];
    private readonly List<DhcpSighting> _dhcp = [];
    private readonly List<TftpTransfer> _transfers = [];

    internal ClientTrace(string key, string? mac)
    {
        Key = key;
        Mac = mac;
    }

    /// <summary>The MAC, or the IPv4 address for a peer the capture never saw take a lease.</summary>
    public string Key { get; }

    /// <summary>The client's hardware address, when a DHCP message named it.</summary>
    public string? Mac { get; }

    /// <summary>The address the client was given (or used), when known.</summary>
    public string? Address { get; internal set; }

    /// <summary>When the client was first seen.</summary>
    public DateTimeOffset FirstSeen => _events.Count > 0 ? _events[0].Time : default;

    public IReadOnlyList<BootEvent> Events => _events;

    public IReadOnlyList<DhcpSighting> Dhcp => _dhcp;

    public IReadOnlyList<TftpTransfer> Transfers => _transfers;

    internal void Add(BootEvent bootEvent) => _events.Add(bootEvent);

    internal void Add(DhcpSighting sighting) => _dhcp.Add(sighting);

    internal void Add(TftpTransfer transfer) => _transfers.Add(transfer);
}
