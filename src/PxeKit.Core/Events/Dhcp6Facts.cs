using System.Text;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Core.Events;

/// <summary>What a DHCPv6 step carried, as typed values (RFC 8415, RFC 5970).</summary>
public sealed record Dhcp6Facts
{
    /// <summary>The message the step is about: the request's type, or the reply's.</summary>
    public required Dhcp6MessageType MessageType { get; init; }

    /// <summary>The 24-bit transaction id.</summary>
    public uint TransactionId { get; init; }

    /// <summary>The client's DUID (option 1) in colon hex.</summary>
    public string? ClientId { get; init; }

    /// <summary>The IAID of the client's IA_NA, when it sent one.</summary>
    public uint? Iaid { get; init; }

    /// <summary>The first architecture of option 61.</summary>
    public ClientArchitecture? Architecture { get; init; }

    /// <summary>Option 15's first item, e.g. <c>iPXE</c>.</summary>
    public string? UserClass { get; init; }

    /// <summary>Option 16's first item, e.g. <c>PXEClient:Arch:00007:UNDI:003000</c>.</summary>
    public string? VendorClass { get; init; }

    /// <summary>
    /// The client asked for a boot file URL: option 59 in its option request (RFC 5970 section 3.1), as firmware's PXE
    /// client and iPXE do, and an operating system's DHCPv6 does not.
    /// </summary>
    public bool BootFileUrlRequested { get; init; }

    /// <summary>The client asked for rapid commit (option 14).</summary>
    public bool RapidCommit { get; init; }

    /// <summary>The interface the message arrived on or left by.</summary>
    public string? Interface { get; init; }

    /// <summary>The status a reply gave (its IA_NA's, or the message's), when it was not Success.</summary>
    public Dhcp6StatusCode? Status { get; init; }

    /// <summary>The relay agent a relayed message came from (and its answer went back to); null for a client on the served link.</summary>
    public string? RelayAddress { get; init; }

    /// <summary>Why a message was not answered (<see cref="BootStep.Dhcp6Ignored"/>).</summary>
    public Dhcp6IgnoreReason? IgnoreReason { get; init; }

    /// <summary>
    /// The typed fields of a message, one mapping for every source: the server's journal of what arrived, and a trace
    /// of the wire, which reads the replies too (their status: the IA_NA's, else the message's, when not Success).
    /// </summary>
    /// <param name="interfaceName">The interface it arrived on or left by; null when a capture does not say.</param>
    public static Dhcp6Facts Of(Dhcp6MessageView message, string? interfaceName)
    {
        string? userClass = null;
        foreach (var item in message.UserClasses)
        {
            userClass = Encoding.UTF8.GetString(item);
            break;
        }

        string? vendorClass = null;
        if (message.TryGetVendorClass(out _, out var items) && items.MoveNext())
        {
            vendorClass = Encoding.UTF8.GetString(items.Current);
        }

        bool hasIa = message.TryGetIaNa(out var ia);
        Dhcp6StatusCode? status = null;
        if (message.MessageType is Dhcp6MessageType.Advertise or Dhcp6MessageType.Reply)
        {
            if (hasIa && ia.TryGetStatus(out var iaStatus, out _) && iaStatus != Dhcp6StatusCode.Success)
            {
                status = iaStatus;
            }
            else if (message.TryGetStatus(out var messageStatus, out _) && messageStatus != Dhcp6StatusCode.Success)
            {
                status = messageStatus;
            }
        }

        return new Dhcp6Facts
        {
            MessageType = message.MessageType,
            TransactionId = message.TransactionId,
            ClientId = message.ClientId.IsEmpty ? null : Dhcp6Duid.Format(message.ClientId),
            Iaid = hasIa ? ia.Iaid : null,
            Architecture = message.Architecture,
            UserClass = userClass,
            VendorClass = vendorClass,
            BootFileUrlRequested = message.RequestedOptions.Contains((ushort)Dhcp6OptionCode.BootFileUrl),
            RapidCommit = message.RapidCommit,
            Interface = interfaceName,
            Status = status,
        };
    }
}
