using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>
/// Leases keyed by option 61 when the client sends it, by chaddr otherwise (RFC 2131 section 4.2, RFC 6842): two
/// systems behind one MAC that send different identifiers are two clients.
/// </summary>
public sealed class ClientIdentifierTests
{
    private const string Mac = "52:54:00:00:00:61";

    /// <summary>What PXE ROMs and iPXE send: type 1 (Ethernet), then the MAC.</summary>
    private static readonly byte[] RomId = [0x01, 0x52, 0x54, 0x00, 0x00, 0x00, 0x61];

    /// <summary>What an installed system may send instead: type 0xff, an IAID and a DUID (RFC 4361).</summary>
    private static readonly byte[] OsId = [0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f];

    [Fact]
    public void Two_clients_behind_one_mac_with_different_identifiers_get_an_address_each_and_keep_it()
    {
        var f = new DhcpFixture();

        var rom = Dora(f, RomId);
        var os = Dora(f, OsId);

        Assert.NotEqual(rom, os);
        Assert.Equal(rom, f.Pool.Find(ClientKey.ForIdentifier(RomId))!.Address);
        Assert.Equal(os, f.Pool.Find(ClientKey.ForIdentifier(OsId))!.Address);
        Assert.All(f.Pool.Leases, l => Assert.Equal(Mac, l.Mac));
        Assert.Equal(DhcpMessageType.Ack, f.Send(Renew(rom, RomId))!.MessageType);
        Assert.Equal(DhcpMessageType.Ack, f.Send(Renew(os, OsId))!.MessageType);
        Assert.Equal(rom, Dora(f, RomId));
    }

    [Fact]
    public void A_client_cannot_renew_release_or_decline_the_lease_of_another_identifier_behind_its_mac()
    {
        var f = new DhcpFixture();
        var rom = Dora(f, RomId);

        Assert.Equal(DhcpMessageType.Nak, f.Send(Renew(rom, OsId))!.MessageType);

        var release = With(DhcpFixture.Request(DhcpMessageType.Release, Mac), OsId);
        release.ClientAddress = rom;
        Assert.Null(f.Send(release));
        Assert.Equal(DhcpIgnoreReason.NotLeaseHolder, f.Journal.Events[^1].Dhcp!.IgnoreReason);

        var decline = With(DhcpFixture.Request(DhcpMessageType.Decline, Mac), OsId);
        decline.SetAddress(DhcpOptionCode.RequestedIpAddress, rom);
        decline.SetAddress(DhcpOptionCode.ServerIdentifier, DhcpFixture.Server);
        Assert.Null(f.Send(decline));
        Assert.Equal(DhcpIgnoreReason.NotLeaseHolder, f.Journal.Events[^1].Dhcp!.IgnoreReason);

        // Nor can the same MAC without an identifier: that is a third client.
        var bare = DhcpFixture.Request(DhcpMessageType.Release, Mac);
        bare.ClientAddress = rom;
        Assert.Null(f.Send(bare));
        Assert.Equal(0, f.Pool.DeclinedCount);
        Assert.Equal(rom, f.Pool.Find(ClientKey.ForIdentifier(RomId))!.Address);
    }

    [Fact]
    public void Init_reboot_from_an_identifier_this_server_has_no_record_of_is_silent_though_its_mac_holds_a_lease()
    {
        var f = new DhcpFixture();
        var rom = Dora(f, RomId);
        var request = With(DhcpFixture.Request(DhcpMessageType.Request, Mac), OsId);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, rom);

        Assert.Null(f.Send(request));

        Assert.Equal(DhcpIgnoreReason.NoRecordOfClient, f.Journal.Events[^1].Dhcp!.IgnoreReason);
    }

    [Fact]
    public void A_client_that_sends_an_identifier_takes_over_the_lease_its_mac_held_without_one()
    {
        // A lease of a version 1 database (keyed by MAC), or of the same client before it sent option 61.
        var f = new DhcpFixture();
        var before = f.Dora(Mac);

        Assert.Equal(DhcpMessageType.Ack, f.Send(Renew(before, RomId))!.MessageType);

        var lease = Assert.Single(f.Pool.Leases);
        Assert.Equal((ClientKey.ForIdentifier(RomId), before), (lease.Client, lease.Address));
        Assert.Equal(ClientKey.ForIdentifier(RomId), Assert.Single(f.Store.LoadAll()).Client);
    }

    [Fact]
    public void A_client_that_sends_an_identifier_may_release_the_lease_its_mac_held_without_one()
    {
        var f = new DhcpFixture();
        var before = f.Dora(Mac);
        var release = With(DhcpFixture.Request(DhcpMessageType.Release, Mac), RomId);
        release.ClientAddress = before;

        Assert.Null(f.Send(release));

        Assert.Equal(BootStep.DhcpRelease, f.Journal.Events[^1].Step);
        Assert.Empty(f.Pool.Leases);
        Assert.Empty(f.Store.LoadAll());
    }

    private static IPAddress Dora(DhcpFixture f, byte[] id)
    {
        var offer = f.Send(With(DhcpFixture.Request(DhcpMessageType.Discover, Mac), id))!;
        var ack = f.Send(With(DhcpFixture.Selecting(Mac, offer.YourAddress), id))!;
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        return ack.YourAddress;
    }

    private static DhcpMessage Renew(IPAddress address, byte[] id) => With(DhcpFixture.Renewing(Mac, address), id);

    private static DhcpMessage With(DhcpMessage message, byte[] id)
    {
        message.SetOption(DhcpOptionCode.ClientIdentifier, id);
        return message;
    }
}
