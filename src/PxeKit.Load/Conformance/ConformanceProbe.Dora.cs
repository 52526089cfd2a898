using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load.Conformance;

public sealed partial class ConformanceProbe
{
    /// <summary>DISCOVER, OFFER, REQUEST, ACK for one machine; <paramref name="shape"/> adds options to both requests.</summary>
    public Dora Lease(byte[] mac, Action<DhcpMessage>? shape = null, int tries = Tries)
    {
        ArgumentNullException.ThrowIfNull(mac);
        var discover = Message(DhcpMessageType.Discover, mac);
        shape?.Invoke(discover);
        var offer = Ask(discover, DhcpPath.Broadcast, tries);
        if (offer is not { Type: DhcpMessageType.Offer })
        {
            return new Dora(discover, offer, null);
        }

        var request = Selecting(mac, discover.TransactionId, offer.Message.YourAddress, offer.Message.ServerIdentifier ?? Options.Server);
        shape?.Invoke(request);
        var ack = Ask(request, DhcpPath.Broadcast, tries);
        if (ack is { Type: DhcpMessageType.Ack })
        {
            Leases.Add((mac, ack.Message.YourAddress, request.GetOption(DhcpOptionCode.ClientIdentifier)));
        }

        return new Dora(discover, offer, ack);
    }

    /// <summary>The address in the server's range, when the range was given; otherwise true (not checked).</summary>
    public bool InRange(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Options.Range is not { } range)
        {
            return true;
        }

        var value = Ipv4.FromAddress(address);
        return value >= Ipv4.FromAddress(range.First) && value <= Ipv4.FromAddress(range.Last);
    }
}
