using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Engine;

/// <summary>What kind of step an event is, whichever source saw it: the questions every rule asks.</summary>
public static class EventKinds
{
    /// <summary>A DHCP request from the client: seen by PxeKit's socket, or on the wire.</summary>
    public static bool IsDhcpRequest(BootEvent e) =>
        e.Step is BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpInform or BootStep.DhcpDecline or BootStep.DhcpRelease
            or BootStep.WireDhcp or BootStep.WireBootServer or BootStep.WireDhcpForwarded
        || (e.Step == BootStep.DhcpIgnored && e.Source == EvidenceSource.Server);

    /// <summary>A DHCP reply to the client, from PxeKit or from a server seen on the wire.</summary>
    public static bool IsDhcpReply(BootEvent e) => e.Step is BootStep.DhcpOffer or BootStep.DhcpAck or BootStep.DhcpNak or BootStep.WireDhcpReply;

    /// <summary>
    /// A reply that gives the client an address: not a proxyDHCP offer, which gives none, nor the boot server's ACK on
    /// port 4011, whose event carries the address the client already has.
    /// </summary>
    public static bool GivesAddress(BootEvent e) =>
        e.Step is BootStep.DhcpOffer or BootStep.DhcpAck or BootStep.WireDhcpReply && e.Dhcp?.IsBootServer != true
        && e.Address is not null && !e.Address.Equals("0.0.0.0", StringComparison.Ordinal);

    /// <summary>
    /// A reply that tells the client what to boot: a boot file, a TFTP server name, PXE options, or a proxyDHCP offer
    /// (no address, vendor class PXEClient), which sends UEFI firmware on to the boot server on port 4011.
    /// </summary>
    public static bool HasBootInfo(BootEvent e) =>
        IsDhcpReply(e) && (e.File is not null || e.Dhcp?.ServerName is not null || e.Dhcp?.PxeOptions == true
            || (!GivesAddress(e) && e.Dhcp?.VendorClass?.StartsWith("PXEClient", StringComparison.Ordinal) == true));

    /// <summary>A DHCPv6 message from the client (a Solicit, a Request, ...): seen by PxeKit's socket, or on the wire.</summary>
    public static bool IsDhcp6Request(BootEvent e) => e.Step is BootStep.Dhcp6Solicit or BootStep.Dhcp6Request or BootStep.WireDhcp6;

    /// <summary>A DHCPv6 Advertise or Reply to the client, from PxeKit or from a server seen on the wire.</summary>
    public static bool IsDhcp6Reply(BootEvent e) => e.Step is BootStep.Dhcp6Advertise or BootStep.Dhcp6Reply;

    /// <summary>A file delivered whole, over TFTP or HTTP.</summary>
    public static bool IsDelivery(BootEvent e) => e.Step is BootStep.TftpComplete or BootStep.HttpComplete && e.File is not null;

    /// <summary>A file name as a transfer names it: the path of a URL, without leading slashes.</summary>
    public static string FileName(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = Uri.TryCreate(file, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "tftp" ? url.AbsolutePath : file;
        return name.TrimStart('/');
    }
}
