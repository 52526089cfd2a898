using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>The full DHCP handler among servers that split new clients (<see cref="PeerServers"/>): it answers its own.</summary>
public sealed class FullDhcpHandlerPeersTests
{
    [Fact]
    public void A_discover_another_live_server_owns_is_left_to_it_and_journaled_as_such()
    {
        var peers = new PeerServers("this");
        peers.Update(["other"]);
        var f = new DhcpFixture(peers: peers);
        var mac = Macs().First(m => peers.OwnerOf(ClientKey.ForMac(m)) == "other");

        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, mac)));
        var left = Assert.Single(f.Journal.Events, e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.PeerAnswers);
        Assert.Equal(mac, left.Mac);
    }

    [Fact]
    public void Its_own_clients_get_offers_and_any_client_asking_three_seconds_does()
    {
        var peers = new PeerServers("this");
        peers.Update(["other"]);
        var f = new DhcpFixture(peers: peers);
        var own = Macs().First(m => peers.Answers(ClientKey.ForMac(m), 0));
        var others = Macs().First(m => !peers.Answers(ClientKey.ForMac(m), 0));

        Assert.Equal(DhcpMessageType.Offer, f.Send(DhcpFixture.Request(DhcpMessageType.Discover, own))?.MessageType);
        var late = DhcpFixture.Request(DhcpMessageType.Discover, others);
        late.Seconds = PeerServers.TakeoverSeconds;
        Assert.Equal(DhcpMessageType.Offer, f.Send(late)?.MessageType);
    }

    [Fact]
    public void A_request_for_an_offer_of_this_server_is_acked_whoever_owns_the_client()
    {
        // The split is of DISCOVERs only: a REQUEST names its server, and renewals go to the server that gave the lease.
        var peers = new PeerServers("this");
        var f = new DhcpFixture(peers: peers);
        var mac = Macs().First(m => { peers.Update(["other"]); return peers.OwnerOf(ClientKey.ForMac(m)) == "other"; });
        peers.Update([]);
        var offered = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, mac))!.YourAddress;

        peers.Update(["other"]);
        Assert.Equal(DhcpMessageType.Ack, f.Send(DhcpFixture.Selecting(mac, offered))?.MessageType);
    }

    private static IEnumerable<string> Macs() => Enumerable.Range(0, 256).Select(i => $"52:54:00:12:34:{i:x2}");
}
