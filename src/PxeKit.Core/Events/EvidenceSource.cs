namespace PxeKit.Core.Events;

/// <summary>Where an event's evidence came from: how much a rule may conclude from it depends on this.</summary>
public enum EvidenceSource
{
    /// <summary>PxeKit's own sockets: what the server received, decided and sent.</summary>
    Server,

    /// <summary>A packet capture (live beside the server, on a lab tap, or a pcap file): what crossed the wire.</summary>
    Capture,

    /// <summary>The serial console of a lab VM: what the firmware, boot loader and kernel printed.</summary>
    Console,

    /// <summary>An inspection of the host: its firewall, interfaces, sockets and boot files.</summary>
    Host,
}
