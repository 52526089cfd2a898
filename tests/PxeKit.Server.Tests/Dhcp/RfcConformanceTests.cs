using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>
/// The MUSTs of RFC 2131 and RFC 6842 that a server on a shared segment is held to, each test named by
/// its section, and forged messages from other MACs, which must change no lease.
/// </summary>
public class RfcConformanceTests
{
    private const string Holder = "52:54:00:00:00:01";
    private const string Forger = "52:54:00:00:00:66";
    private static readonly IPAddress Relay = IPAddress.Parse("10.47.0.254");

    /// <summary>Option 61 as a client sends it: type 0xff (RFC 4361: IAID and DUID), bytes no server would make up.</summary>
    private static readonly byte[] ClientId = [0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f];

    [Fact]
    public void Rfc2131_4_3_3_a_decline_from_another_mac_changes_nothing_and_the_holder_still_renews()
    {
        var f = new DhcpFixture();
        var address = f.Dora(Holder);

        Assert.Null(f.Send(Decline(Forger, address, DhcpFixture.Server)));

        AssertIgnored(f, DhcpIgnoreReason.NotLeaseHolder);
        Assert.Equal(0, f.Pool.DeclinedCount);
        Assert.Equal(address, f.Pool.Find(Holder)!.Address);
        Assert.Equal(DhcpMessageType.Ack, f.Send(DhcpFixture.Renewing(Holder, address))!.MessageType);
    }

    [Fact]
    public void Rfc2131_4_4_1_table_5_a_decline_without_a_server_identifier_changes_nothing_even_from_the_holder()
    {
        var f = new DhcpFixture();
        var address = f.Dora(Holder);

        Assert.Null(f.Send(Decline(Forger, address, serverId: null)));
        Assert.Null(f.Send(Decline(Holder, address, serverId: null)));
        Assert.Null(f.Send(Decline(Holder, address, IPAddress.Parse("10.47.0.2"))));

        Assert.All(f.Journal.Events.TakeLast(3), e => Assert.Equal(DhcpIgnoreReason.DeclineNotThisServer, e.Dhcp!.IgnoreReason));
        Assert.Equal(0, f.Pool.DeclinedCount);
        Assert.Equal(DhcpMessageType.Ack, f.Send(DhcpFixture.Renewing(Holder, address))!.MessageType);
    }

    [Fact]
    public void Rfc2131_4_3_3_a_decline_for_an_address_outside_the_range_is_not_recorded()
    {
        var f = new DhcpFixture();
        f.Dora(Holder);

        Assert.Null(f.Send(Decline(Holder, IPAddress.Parse("10.47.0.50"), DhcpFixture.Server)));

        AssertIgnored(f, DhcpIgnoreReason.DeclineOutsideRange);
        Assert.Equal(0, f.Pool.DeclinedCount);
    }

    [Fact]
    public void Rfc2131_4_3_3_a_decline_from_the_holder_sets_the_address_aside_until_the_hold_ends()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
        var f = new DhcpFixture(poolSize: 1, time: time);
        var address = f.Dora(Holder);

        Assert.Null(f.Send(Decline(Holder, address, DhcpFixture.Server)));

        Assert.Equal(BootStep.DhcpDecline, f.Journal.Events[^1].Step);
        Assert.Null(f.Pool.Find(Holder));
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02")));

        time.Advance(LeasePool.DeclineHold + TimeSpan.FromSeconds(1));
        Assert.Equal(address, f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02"))!.YourAddress);
    }

    [Fact]
    public void Rfc2131_4_3_3_a_decline_of_an_offered_address_from_the_client_it_was_offered_to_sets_it_aside()
    {
        var f = new DhcpFixture(poolSize: 1);
        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Holder))!;

        Assert.Null(f.Send(Decline(Holder, offer.YourAddress, DhcpFixture.Server)));

        Assert.Equal(1, f.Pool.DeclinedCount);
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02")));
    }

    [Fact]
    public void Rfc2131_4_3_4_a_release_from_another_mac_changes_no_lease()
    {
        var f = new DhcpFixture(poolSize: 1);
        var address = f.Dora(Holder);
        var release = DhcpFixture.Request(DhcpMessageType.Release, Forger);
        release.ClientAddress = address;
        release.SetAddress(DhcpOptionCode.ServerIdentifier, DhcpFixture.Server);

        Assert.Null(f.Send(release));

        AssertIgnored(f, DhcpIgnoreReason.NotLeaseHolder);
        Assert.Equal(address, f.Pool.Find(Holder)!.Address);
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Forger)));
        Assert.Equal(DhcpMessageType.Ack, f.Send(DhcpFixture.Renewing(Holder, address))!.MessageType);
    }

    [Fact]
    public void Rfc2131_4_3_2_init_reboot_from_a_client_the_server_has_no_record_of_is_met_with_silence()
    {
        var f = new DhcpFixture();

        Assert.Null(f.Send(InitReboot(Holder, IPAddress.Parse("10.47.0.105"))));

        AssertIgnored(f, DhcpIgnoreReason.NoRecordOfClient);
        Assert.Null(f.Pool.Find(Holder));
    }

    [Fact]
    public void Rfc2131_4_3_2_init_reboot_from_a_client_with_a_lease_is_acked()
    {
        var f = new DhcpFixture();
        var address = f.Dora(Holder);

        var ack = f.Send(InitReboot(Holder, address))!;

        Assert.Equal((DhcpMessageType.Ack, address), (ack.MessageType, ack.YourAddress));
    }

    [Fact]
    public void Rfc2131_4_3_2_init_reboot_for_an_address_another_client_holds_is_naked_for_a_client_with_a_record()
    {
        var f = new DhcpFixture();
        var mine = f.Dora(Holder);
        var theirs = f.Dora("52:54:00:00:00:02");

        var nak = f.Send(InitReboot(Holder, theirs))!;

        Assert.Equal(DhcpMessageType.Nak, nak.MessageType);
        Assert.Equal(mine, f.Pool.Find(Holder)!.Address);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, DhcpMessageType.Nak)]
    public void Rfc2131_4_3_2_init_reboot_for_another_network_is_naked_only_by_an_authoritative_scope(bool authoritative, DhcpMessageType? expected)
    {
        var f = new DhcpFixture(authoritative: authoritative);
        f.Dora(Holder);

        var reply = f.Send(InitReboot(Holder, IPAddress.Parse("192.168.1.5")));

        Assert.Equal(expected, reply?.MessageType);
        Assert.Equal(authoritative ? DhcpIgnoreReason.WrongSubnet : DhcpIgnoreReason.NotAuthoritative, f.Journal.Events[^1].Dhcp!.IgnoreReason);
    }

    [Fact]
    public void Rfc2131_4_3_2_selecting_a_refused_address_is_still_naked_it_is_this_servers_own_lease()
    {
        var f = new DhcpFixture();
        var taken = f.Dora("52:54:00:00:00:02");
        var request = DhcpFixture.Request(DhcpMessageType.Request, Holder);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, taken);
        request.SetAddress(DhcpOptionCode.ServerIdentifier, DhcpFixture.Server);

        Assert.Equal(DhcpMessageType.Nak, f.Send(request)!.MessageType);
    }

    [Fact]
    public void Rfc6842_3_the_client_identifier_comes_back_byte_for_byte_in_offer_ack_and_nak()
    {
        var f = new DhcpFixture();
        var discover = DhcpFixture.Request(DhcpMessageType.Discover, Holder, pxe: true);
        discover.SetOption(DhcpOptionCode.ClientIdentifier, ClientId);
        var offer = f.Send(discover)!;
        var request = DhcpFixture.Selecting(Holder, offer.YourAddress);
        request.SetOption(DhcpOptionCode.ClientIdentifier, ClientId);
        var ack = f.Send(request)!;
        var wrong = DhcpFixture.Selecting(Holder, IPAddress.Parse("192.168.1.5"));
        wrong.SetOption(DhcpOptionCode.ClientIdentifier, ClientId);
        var nak = f.Send(wrong)!;

        Assert.Equal([DhcpMessageType.Offer, DhcpMessageType.Ack, DhcpMessageType.Nak], [offer.MessageType, ack.MessageType, nak.MessageType]);
        Assert.All([offer, ack, nak], reply => Assert.Equal(ClientId, reply.GetOption(DhcpOptionCode.ClientIdentifier)));
        Assert.All([offer, ack, nak], reply => Assert.Equal(ClientId, Decoded(reply).GetOption(DhcpOptionCode.ClientIdentifier)));
    }

    [Fact]
    public void Rfc6842_3_a_reply_to_a_client_without_option_61_carries_none()
    {
        var f = new DhcpFixture();
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Holder))!.GetOption(DhcpOptionCode.ClientIdentifier));
    }

    [Fact]
    public void Rfc6842_3_the_client_identifier_comes_back_in_the_proxy_offer_and_the_boot_server_ack()
    {
        var journal = new RecordingJournal();
        var servers = new Dictionary<string, IPAddress> { ["lab0"] = DhcpFixture.Server };
        var policy = new ProfileBootPolicy([new BootProfile { Name = "default", Program = "pxelinux.0" }], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        var proxy = new ProxyDhcpHandler(servers, policy, journal, NullLogger<ProxyDhcpHandler>.Instance, TimeProvider.System);
        var bootServer = new BootServerHandler(servers, policy, journal, NullLogger<BootServerHandler>.Instance, TimeProvider.System);
        var discover = DhcpFixture.Request(DhcpMessageType.Discover, Holder, pxe: true);
        discover.SetOption(DhcpOptionCode.ClientIdentifier, ClientId);
        var request = DhcpFixture.Request(DhcpMessageType.Request, Holder, pxe: true);
        request.ClientAddress = IPAddress.Parse("10.47.0.23");
        request.SetOption(DhcpOptionCode.ClientIdentifier, ClientId);

        var offer = proxy.Handle(new DhcpRequestContext(discover, "lab0", new IPEndPoint(IPAddress.Any, 68)))!;
        var ack = bootServer.Handle(new DhcpRequestContext(request, "lab0", new IPEndPoint(request.ClientAddress, 68), DhcpConstants.PxeServerPort))!;

        Assert.Equal(ClientId, offer.GetOption(DhcpOptionCode.ClientIdentifier));
        Assert.Equal(ClientId, ack.GetOption(DhcpOptionCode.ClientIdentifier));
    }

    [Fact]
    public void Rfc2131_4_1_a_nak_through_a_relay_goes_to_the_relay_with_the_broadcast_bit_set()
    {
        var f = new DhcpFixture();
        var taken = f.Dora("52:54:00:00:00:02");
        var request = DhcpFixture.Selecting(Holder, taken);
        request.GatewayAddress = Relay;
        request.Flags = 0;

        var nak = f.Send(request)!;

        Assert.Equal(DhcpMessageType.Nak, nak.MessageType);
        Assert.Equal(new IPEndPoint(Relay, DhcpConstants.ServerPort), DhcpReplyDestination.For(request, nak));
        Assert.True(nak.Broadcast);
        Assert.Equal(Relay, nak.GatewayAddress);
    }

    [Fact]
    public void Rfc2131_4_1_an_offer_through_a_relay_keeps_the_clients_broadcast_bit()
    {
        var f = new DhcpFixture();
        var discover = DhcpFixture.Request(DhcpMessageType.Discover, Holder);
        discover.GatewayAddress = Relay;
        discover.Flags = 0;

        Assert.False(f.Send(discover)!.Broadcast);
    }

    private static DhcpMessage Decline(string mac, IPAddress address, IPAddress? serverId)
    {
        var decline = DhcpFixture.Request(DhcpMessageType.Decline, mac);
        decline.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        if (serverId is not null)
        {
            decline.SetAddress(DhcpOptionCode.ServerIdentifier, serverId);
        }

        return decline;
    }

    /// <summary>INIT-REBOOT: option 50, no option 54, ciaddr 0 (RFC 2131 section 4.3.2).</summary>
    private static DhcpMessage InitReboot(string mac, IPAddress address)
    {
        var request = DhcpFixture.Request(DhcpMessageType.Request, mac);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        return request;
    }

    /// <summary>The reply as the client reads it off the wire: encoded, then decoded.</summary>
    private static DhcpMessage Decoded(DhcpMessage message)
    {
        var buffer = new byte[1500];
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, message.WriteTo(buffer)), out var decoded));
        return decoded!;
    }

    private static void AssertIgnored(DhcpFixture f, DhcpIgnoreReason reason)
    {
        var last = f.Journal.Events[^1];
        Assert.Equal((BootStep.DhcpIgnored, reason), (last.Step, last.Dhcp!.IgnoreReason));
    }
}
