using PxeKit.Protocol.Dhcp;

namespace PxeKit.Core.Events;

/// <summary>What a DHCP step carried, as typed values: the fields rules and readers decide on.</summary>
public sealed record DhcpFacts
{
    /// <summary>Option 53 of the message the step is about.</summary>
    public required DhcpMessageType MessageType { get; init; }

    /// <summary>The transaction id (<c>xid</c>).</summary>
    public uint Xid { get; init; }

    /// <summary>The server identifier (option 54): of a reply, its sender; of a REQUEST, the server the client chose.</summary>
    public string? ServerId { get; init; }

    /// <summary>The relay agent's address (<c>giaddr</c>), when a relay forwarded the message.</summary>
    public string? RelayAddress { get; init; }

    /// <summary>The UDP port the message went to: 67, 68, or 4011 for the PXE boot server.</summary>
    public int? Port { get; init; }

    /// <summary>Where a request seen on the wire was sent (broadcast, or a server's address).</summary>
    public string? Destination { get; init; }

    /// <summary>The client's system architecture (option 93), when it sent one.</summary>
    public ClientArchitecture? Architecture { get; init; }

    /// <summary>The vendor class identifier (option 60): <c>PXEClient:...</c>, <c>HTTPClient:...</c>.</summary>
    public string? VendorClass { get; init; }

    /// <summary>The user class (option 77), such as <c>iPXE</c>.</summary>
    public string? UserClass { get; init; }

    /// <summary>A reply's next server (<c>siaddr</c>), when it names one.</summary>
    public string? NextServer { get; init; }

    /// <summary>A reply's TFTP server name (<c>sname</c> or option 66), when it names one.</summary>
    public string? ServerName { get; init; }

    /// <summary>A reply carries PXE vendor options (option 43).</summary>
    public bool PxeOptions { get; init; }

    /// <summary>Why PxeKit did not answer (<see cref="BootStep.DhcpIgnored"/>), or why a NAK was sent.</summary>
    public DhcpIgnoreReason? IgnoreReason { get; init; }

    /// <summary>Why a reply PxeKit built never left (<see cref="BootStep.DhcpReplyDropped"/>).</summary>
    public DhcpReplyFailure? ReplyFailure { get; init; }

    /// <summary>
    /// The MAC of the host that answered the ARP probe for an address the pool was about to offer
    /// (<see cref="DhcpIgnoreReason.AddressInUse"/>).
    /// </summary>
    public string? ClaimedBy { get; init; }

    /// <summary>The typed fields of a decoded message, request or reply.</summary>
    /// <param name="port">The UDP port it went to, when known.</param>
    public static DhcpFacts Of(DhcpMessage message, int? port = null, string? destination = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Read(message, port, destination, message.Architecture, JoinedUserClass(message), ignoreReason: null);
    }

    /// <summary>
    /// The typed fields of a reply PxeKit sends to the client whose request said <paramref name="request"/>. A reply
    /// does not say what its client is: the architecture and user class are the request's.
    /// </summary>
    /// <param name="nakReason">For a NAK: why.</param>
    public static DhcpFacts OfReply(DhcpMessage reply, DhcpFacts request, int? port, DhcpIgnoreReason? nakReason = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(request);
        return Read(reply, port, destination: null, request.Architecture, request.UserClass, nakReason);
    }

    private static DhcpFacts Read(DhcpMessage message, int? port, string? destination, ClientArchitecture? architecture, string? userClass, DhcpIgnoreReason? ignoreReason)
    {
        bool reply = message.Op == DhcpOpCode.BootReply;
        return new DhcpFacts
        {
            MessageType = message.MessageType,
            Xid = message.TransactionId,
            ServerId = message.ServerIdentifier?.ToString(),
            RelayAddress = NonZero(message.GatewayAddress),
            Port = port,
            Destination = destination,
            Architecture = architecture,
            VendorClass = message.VendorClass,
            UserClass = userClass,
            NextServer = reply ? NonZero(message.ServerAddress) : null,
            ServerName = reply ? (message.ServerName.Length > 0 ? message.ServerName : message.GetString(DhcpOptionCode.TftpServerName)) : null,
            PxeOptions = reply && message.GetOption(DhcpOptionCode.VendorSpecific) is { Length: > 0 },
            IgnoreReason = ignoreReason,
        };
    }

    // One class is itself: no string is made for the usual case (iPXE's bare "iPXE").
    private static string? JoinedUserClass(DhcpMessage message) => message.UserClasses switch
    {
        [] => null,
        [var only] => only,
        var classes => string.Join(' ', classes),
    };

    /// <summary>The boot file a reply names: the <c>file</c> field, else option 67; null when it names none.</summary>
    public static string? BootFileOf(DhcpMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var file = reply.BootFile.Length > 0 ? reply.BootFile : reply.GetString(DhcpOptionCode.BootFileName);
        return string.IsNullOrEmpty(file) ? null : file;
    }

    private static string? NonZero(System.Net.IPAddress address) => address.Equals(System.Net.IPAddress.Any) ? null : address.ToString();

    /// <summary>True for the PXE boot server's exchanges on port 4011.</summary>
    public bool IsBootServer => Port == DhcpConstants.PxeServerPort;

    /// <summary>The client named itself a PXE or HTTP Boot client (option 60).</summary>
    public bool IsBootClient =>
        VendorClass is { } vendor && (vendor.StartsWith("PXEClient", StringComparison.Ordinal) || vendor.StartsWith("HTTPClient", StringComparison.Ordinal));

    /// <summary>The client is iPXE (user class <c>iPXE</c>).</summary>
    public bool IsIpxe
    {
        get
        {
            // One of the space-separated classes is "iPXE", found in place: the rules ask this of every DHCP event.
            foreach (var range in UserClass.AsSpan().Split(' '))
            {
                if (UserClass.AsSpan()[range].SequenceEqual("iPXE"))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
