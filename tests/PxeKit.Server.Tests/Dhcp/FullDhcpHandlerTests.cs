using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

public class FullDhcpHandlerTests
{
    private const string Mac = "52:54:00:00:00:01";

    [Fact]
    public void A_pxe_discover_gets_an_offer_with_address_and_boot_file()
    {
        var f = new DhcpFixture();

        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac, pxe: true))!;

        Assert.Equal(DhcpMessageType.Offer, offer.MessageType);
        Assert.Equal(DhcpOpCode.BootReply, offer.Op);
        Assert.Equal(IPAddress.Parse("10.47.0.100"), offer.YourAddress);
        Assert.Equal(DhcpFixture.Server, offer.ServerIdentifier);
        Assert.Equal(DhcpFixture.Server, offer.ServerAddress);
        Assert.Equal("pxelinux.0", offer.BootFile);
        Assert.Equal(3600u, offer.GetUInt32(DhcpOptionCode.LeaseTime));
        Assert.Equal(IPAddress.Parse("255.255.255.0"), offer.GetAddress(DhcpOptionCode.SubnetMask));
        Assert.Equal([BootStep.DhcpDiscover, BootStep.DhcpOffer], f.Journal.Events.Select(e => e.Step));
    }

    [Fact]
    public void Regression_a_full_offer_to_ipxe_does_not_say_PXEClient_so_ipxe_does_not_wait_15_s_for_proxydhcp()
    {
        // With option 60 "PXEClient" in an offer that also gives an address, iPXE treats the offer as a
        // ProxyDHCP offer as well and asks port 4011, waiting ~15 s for an answer before it boots.
        var f = new DhcpFixture();
        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac, pxe: true))!;
        Assert.Null(offer.GetOption(DhcpOptionCode.VendorSpecific));
        Assert.Null(offer.VendorClass);
    }

    [Fact]
    public void The_same_client_keeps_its_address_and_two_clients_never_share_one()
    {
        var f = new DhcpFixture();
        var first = f.Dora(Mac);
        var second = f.Dora("52:54:00:00:00:02");
        Assert.NotEqual(first, second);
        Assert.Equal(first, f.Dora(Mac));
    }

    [Fact]
    public void An_offered_address_is_not_offered_to_someone_else()
    {
        var f = new DhcpFixture();
        var a = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:0a"))!;
        var b = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:0b"))!;
        Assert.NotEqual(a.YourAddress, b.YourAddress);
    }

    [Fact]
    public void A_reservation_wins_and_its_address_is_never_given_to_others()
    {
        var reserved = IPAddress.Parse("10.47.0.100");
        var f = new DhcpFixture(reservations: [new DhcpReservation(Mac, reserved, "node1")]);

        var other = f.Dora("52:54:00:00:00:02");
        var mine = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac))!;

        Assert.NotEqual(reserved, other);
        Assert.Equal(reserved, mine.YourAddress);
        Assert.Equal("node1", mine.HostName);
    }

    [Fact]
    public void A_request_for_an_address_held_by_another_client_is_naked()
    {
        var f = new DhcpFixture();
        var taken = f.Dora("52:54:00:00:00:02");
        var request = DhcpFixture.Request(DhcpMessageType.Request, Mac);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, taken);
        request.SetAddress(DhcpOptionCode.ServerIdentifier, DhcpFixture.Server);

        var reply = f.Send(request)!;

        Assert.Equal(DhcpMessageType.Nak, reply.MessageType);
        Assert.Contains("leased to 52:54:00:00:00:02", reply.GetString(DhcpOptionCode.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_for_another_subnet_is_naked_and_broadcast_by_an_authoritative_scope()
    {
        var f = new DhcpFixture(authoritative: true);
        var request = DhcpFixture.Request(DhcpMessageType.Request, Mac);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("192.168.1.5"));
        var reply = f.Send(request)!;
        Assert.Equal(DhcpMessageType.Nak, reply.MessageType);
        Assert.Equal(new IPEndPoint(IPAddress.Broadcast, 68), DhcpReplyDestination.For(request, reply));
    }

    [Fact]
    public void A_request_that_chose_another_server_is_not_answered_and_is_journaled()
    {
        var f = new DhcpFixture();
        var request = DhcpFixture.Request(DhcpMessageType.Request, Mac);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse("10.47.0.100"));
        request.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.47.0.254"));

        Assert.Null(f.Send(request));
        var ignored = Assert.Single(f.Journal.Events);
        Assert.Equal((BootStep.DhcpIgnored, DhcpIgnoreReason.OtherServerChosen, "10.47.0.254"), (ignored.Step, ignored.Dhcp!.IgnoreReason, ignored.Dhcp.ServerId));
    }

    [Fact]
    public void The_pool_runs_dry_and_then_frees_expired_leases()
    {
        var f = new DhcpFixture(poolSize: 2);
        f.Dora("52:54:00:00:00:01");
        f.Dora("52:54:00:00:00:02");
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:03")));

        f.Clock.Advance(TimeSpan.FromHours(2));
        Assert.NotNull(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:03")));
    }

    [Fact]
    public void Release_frees_the_address_and_decline_sets_it_aside()
    {
        var f = new DhcpFixture(poolSize: 1);
        var address = f.Dora(Mac);
        var release = DhcpFixture.Request(DhcpMessageType.Release, Mac);
        release.ClientAddress = address;
        Assert.Null(f.Send(release));
        Assert.Equal(address, f.Dora("52:54:00:00:00:02"));

        var decline = DhcpFixture.Request(DhcpMessageType.Decline, "52:54:00:00:00:02");
        decline.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        decline.SetAddress(DhcpOptionCode.ServerIdentifier, DhcpFixture.Server);
        f.Send(decline);
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:03")));
    }

    [Fact]
    public void A_renewal_is_acked_to_ciaddr_by_unicast()
    {
        var f = new DhcpFixture();
        var address = f.Dora(Mac);
        var renew = DhcpFixture.Request(DhcpMessageType.Request, Mac);
        renew.Flags = 0;
        renew.ClientAddress = address;

        var ack = f.Send(renew)!;

        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal(new IPEndPoint(address, 68), DhcpReplyDestination.For(renew, ack));
    }

    [Fact]
    public void A_relayed_request_goes_back_to_the_relay_with_option_82_echoed_last()
    {
        var f = new DhcpFixture();
        var discover = DhcpFixture.Request(DhcpMessageType.Discover, Mac);
        discover.GatewayAddress = IPAddress.Parse("10.47.0.254");
        discover.SetOption(DhcpOptionCode.RelayAgentInformation, [1, 3, (byte)'p', (byte)'1', (byte)'7']);

        var offer = f.Send(discover)!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.47.0.254"), 67), DhcpReplyDestination.For(discover, offer));
        Assert.Equal(discover.GatewayAddress, offer.GatewayAddress);
        Assert.Equal(DhcpOptionCode.RelayAgentInformation, offer.Options[^1].Code);
    }

    [Fact]
    public void A_relay_from_an_unknown_subnet_is_ignored()
    {
        var f = new DhcpFixture();
        var discover = DhcpFixture.Request(DhcpMessageType.Discover, Mac);
        discover.GatewayAddress = IPAddress.Parse("172.16.9.1");
        Assert.Null(f.Send(discover));
        Assert.Equal(BootStep.DhcpIgnored, f.Journal.Events[0].Step);
    }
}
