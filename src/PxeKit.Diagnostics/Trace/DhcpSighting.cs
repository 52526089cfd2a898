using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>One DHCP message seen on the wire, with what the wire verdicts need to know about it.</summary>
public sealed record DhcpSighting
{
    public required DateTimeOffset Time { get; init; }

    public required DhcpMessageType Type { get; init; }

    public required uint TransactionId { get; init; }

    /// <summary>A reply (op BOOTREPLY) rather than a client's request.</summary>
    public required bool IsReply { get; init; }

    /// <summary>
    /// For a reply, the server that sent it (option 54, else its source address); for a REQUEST, the server
    /// whose offer the client took (option 54), if it names one.
    /// </summary>
    public string? Server { get; init; }

    /// <summary>The UDP port the message was sent to: 67, 68 or 4011.</summary>
    public required int DestinationPort { get; init; }

    /// <summary>The IPv4 address the message was sent to.</summary>
    public string? Destination { get; init; }

    /// <summary>The UDP port the message came from.</summary>
    public required int SourcePort { get; init; }

    /// <summary><c>yiaddr</c> of a reply, or null when it is 0.0.0.0 (a proxyDHCP or boot server reply).</summary>
    public string? YourAddress { get; init; }

    /// <summary><c>giaddr</c>, or null when it is 0.0.0.0: the message went through a relay with this address.</summary>
    public string? RelayAddress { get; init; }

    /// <summary>The boot file of a reply: the <c>file</c> field, else option 67.</summary>
    public string? BootFile { get; init; }

    /// <summary>The TFTP server of a reply: <c>sname</c>, else option 66, else <c>siaddr</c>.</summary>
    public string? NextServer { get; init; }

    /// <summary>The <c>sname</c> field, else option 66, when a reply names a boot server.</summary>
    public string? ServerName { get; init; }

    /// <summary>A reply carries PXE vendor options (option 43), as proxyDHCP and boot servers send.</summary>
    public bool HasPxeOptions { get; init; }

    /// <summary>Option 60 as sent.</summary>
    public string? VendorClass { get; init; }

    /// <summary>A request from iPXE: user class <c>iPXE</c> or option 175.</summary>
    public bool IsIpxe { get; init; }

    /// <summary>The first architecture of option 93, if any.</summary>
    public ClientArchitecture? Architecture { get; init; }

    /// <summary>A reply tells the client what to boot: a boot file, a server name or PXE vendor options.</summary>
    public bool HasBootInfo => !string.IsNullOrEmpty(BootFile) || !string.IsNullOrEmpty(ServerName) || HasPxeOptions;

    /// <summary>A request from a network-booting client (vendor class PXEClient or HTTPClient).</summary>
    public bool IsBootClient => VendorClass is { } vendor
        && (vendor.StartsWith("PXEClient", StringComparison.Ordinal) || vendor.StartsWith("HTTPClient", StringComparison.Ordinal));

    /// <summary>A reply that hands out no address: proxyDHCP (RFC 4578's PXE extensions) or a boot server on 4011.</summary>
    public bool IsProxyReply => IsReply && YourAddress is null;
}
