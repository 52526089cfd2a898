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

    /// <summary>The client asked for rapid commit (option 14).</summary>
    public bool RapidCommit { get; init; }

    /// <summary>The interface the message arrived on or left by.</summary>
    public string? Interface { get; init; }

    /// <summary>The status a reply gave (its IA_NA's, or the message's), when it was not Success.</summary>
    public Dhcp6StatusCode? Status { get; init; }

    /// <summary>Why a message was not answered (<see cref="BootStep.Dhcp6Ignored"/>).</summary>
    public Dhcp6IgnoreReason? IgnoreReason { get; init; }
}
