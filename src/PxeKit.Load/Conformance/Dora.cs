using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load.Conformance;

/// <summary>One DORA exchange: the DISCOVER sent, the OFFER and the ACK that came (null when none did).</summary>
public sealed record Dora(DhcpMessage Discover, DhcpReply? Offer, DhcpReply? Ack)
{
    public bool Leased => Ack is { Type: DhcpMessageType.Ack };

    /// <summary>The ACKed address; only when <see cref="Leased"/>.</summary>
    public IPAddress Address => Ack?.Message.YourAddress ?? IPAddress.Any;

    /// <summary>What happened, for a result line.</summary>
    public string Describe() => (Offer, Ack) switch
    {
        (null, _) => "no OFFER",
        ({ Type: not DhcpMessageType.Offer }, _) => $"{Offer.Type} to the DISCOVER",
        (_, null) => $"OFFER {Offer.Message.YourAddress}, then no answer to the REQUEST",
        (_, { Type: DhcpMessageType.Ack }) => $"ACK {Ack.Message.YourAddress}",
        _ => $"OFFER {Offer.Message.YourAddress}, then {Ack.Type}",
    };
}
