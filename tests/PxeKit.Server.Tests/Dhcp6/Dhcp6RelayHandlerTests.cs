using System.Buffers.Binary;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Dhcp6;

/// <summary>
/// Relayed DHCPv6 clients (RFC 8415 section 19.3): OVMF's real Solicit inside Relay-forwards as relays build them, answered
/// through the mode's handler and wrapped back, relay by relay.
/// </summary>
public class Dhcp6RelayHandlerTests
{
    private static readonly IPAddress Server = IPAddress.Parse("fd00:47:9::1");
    private static readonly byte[] ServerDuid = Dhcp6Duid.LinkLayer([0x02, 0, 0, 0, 0, 1]);
    private static readonly IPEndPoint Relay = new(IPAddress.Parse("fd00:47:9::fe"), Dhcp6Constants.ServerPort);
    private static readonly IPAddress ClientLink = IPAddress.Parse("fd00:48::1");
    private static readonly IPAddress ClientLinkLocal = IPAddress.Parse("fe80::5054:ff:fe12:3456");

    private readonly RecordingJournal _journal = new();
    private readonly ManualClock _clock = new();
    private readonly byte[] _reply = new byte[Dhcp6Constants.MaximumReplyLength];

    private IDhcp6Handler Handler(Dhcp6Mode mode)
    {
        var settings = new Dhcp6Settings { Mode = mode, RangeStart = IPAddress.Parse("fd00:48::100"), RangeEnd = IPAddress.Parse("fd00:48::1ff") };
        var policy = new ProfileBootPolicy([new BootProfile { Name = "linux", Kernel = "vmlinuz", Initrds = ["initrd.gz"] }], new IpxeBinaries(), 8080, new InMemoryBootOnceStore());
        return Dhcp6Server.CreateHandler(settings, [0x02, 0, 0, 0, 0, 1], policy, new InMemoryLeaseStore(), _journal, NullLoggerFactory.Instance, _clock);
    }

    /// <summary>A Relay-forward as a relay builds it (RFC 8415 section 9): its header, an Interface-Id when given, the message.</summary>
    private static byte[] Forward(byte[] message, IPAddress link, IPAddress peer, byte hops = 0, string? interfaceId = null)
    {
        var id = interfaceId is null ? [] : Encoding.ASCII.GetBytes(interfaceId);
        var bytes = new byte[Dhcp6Constants.RelayHeaderLength + (id.Length > 0 ? 4 + id.Length : 0) + 4 + message.Length];
        bytes[0] = (byte)Dhcp6MessageType.RelayForward;
        bytes[1] = hops;
        link.GetAddressBytes().CopyTo(bytes, Dhcp6Constants.LinkAddressOffset);
        peer.GetAddressBytes().CopyTo(bytes, Dhcp6Constants.PeerAddressOffset);
        int at = Dhcp6Constants.RelayHeaderLength;
        if (id.Length > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)Dhcp6OptionCode.InterfaceId);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at + 2), (ushort)id.Length);
            id.CopyTo(bytes, at + 4);
            at += 4 + id.Length;
        }

        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)Dhcp6OptionCode.RelayMessage);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at + 2), (ushort)message.Length);
        message.CopyTo(bytes, at + 4);
        return bytes;
    }

    private (Dhcp6Outcome Outcome, byte[] Reply) Handle(IDhcp6Handler handler, byte[] request)
    {
        var outcome = handler.Handle(new Dhcp6RequestContext(request, "lab0", Relay, Server), _reply);
        return (outcome, _reply[..outcome.Length]);
    }

    [Fact]
    public void A_relayed_solicit_gets_an_address_on_its_own_link_in_a_relay_reply_that_echoes_the_relay_s_header_and_interface_id()
    {
        var forward = Forward(Dhcp6Captured.OvmfSolicit, ClientLink, ClientLinkLocal, interfaceId: "eth1");

        var (outcome, reply) = Handle(Handler(Dhcp6Mode.Full), forward);

        Assert.True(outcome.ToRelay);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var relayReply));
        Assert.Equal(Dhcp6MessageType.RelayReply, relayReply.MessageType);
        Assert.Equal(forward.AsSpan(1, 33).ToArray(), reply.AsSpan(1, 33).ToArray()); // hop count, link-address, peer-address
        Assert.True(relayReply.TryGetOption(Dhcp6OptionCode.InterfaceId, out var interfaceId));
        Assert.Equal("eth1", Encoding.ASCII.GetString(interfaceId));
        Assert.True(relayReply.TryGetRelayedMessage(out var inner));
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(inner, out var advertise));
        Assert.Equal(Dhcp6MessageType.Advertise, advertise.MessageType);
        Assert.True(advertise.TryGetIaNa(out var ia));
        Assert.True(ia.TryGetAddress(out var address));
        Assert.Equal(IPAddress.Parse("fd00:48::100"), address.Address);
        Assert.Equal("tftp://[fd00:47:9::1]/ipxe.efi", Encoding.UTF8.GetString(advertise.BootFileUrl));

        // The journal says it as the client's own step, with the relay it came through; the MAC from the client's DUID.
        var solicit = Assert.Single(_journal.Events, e => e.Step == BootStep.Dhcp6Solicit);
        Assert.Equal(("52:54:00:12:34:56", "fd00:47:9::fe"), (solicit.Mac, solicit.Dhcp6!.RelayAddress));
        Assert.Contains("relayed by fd00:47:9::fe", solicit.Detail, StringComparison.Ordinal);
        Assert.Equal(Dhcp6MessageType.Advertise, outcome.Reply!.Dhcp6!.MessageType);
    }

    [Fact]
    public void Through_two_relays_the_reply_is_wrapped_twice_the_outer_relay_outside()
    {
        var nearest = Forward(Dhcp6Captured.OvmfSolicit, ClientLink, ClientLinkLocal, interfaceId: "port7");
        var outer = Forward(nearest, IPAddress.Parse("fd00:49::1"), IPAddress.Parse("fd00:49::7"), hops: 1);

        var (outcome, reply) = Handle(Handler(Dhcp6Mode.Full), outer);

        Assert.True(outcome.ToRelay);
        Dhcp6MessageView.TryParse(reply, out var first);
        Assert.Equal((Dhcp6MessageType.RelayReply, (byte)1), (first.MessageType, first.HopCount));
        Assert.False(first.HasOption(Dhcp6OptionCode.InterfaceId));
        Assert.True(first.TryGetRelayedMessage(out var secondBytes));
        Dhcp6MessageView.TryParse(secondBytes, out var second);
        Assert.Equal(Dhcp6MessageType.RelayReply, second.MessageType);
        Assert.Equal(ClientLink.GetAddressBytes(), second.LinkAddress.ToArray());
        Assert.True(second.TryGetOption(Dhcp6OptionCode.InterfaceId, out var interfaceId));
        Assert.Equal("port7", Encoding.ASCII.GetString(interfaceId));
        Assert.True(second.TryGetRelayedMessage(out var advertise));
        Assert.Equal(Dhcp6MessageType.Advertise, (Dhcp6MessageType)advertise[0]);
    }

    [Fact]
    public void A_client_relayed_from_a_link_the_range_is_not_on_is_not_given_an_address_and_the_journal_says_why()
    {
        var (outcome, _) = Handle(Handler(Dhcp6Mode.Full), Forward(Dhcp6Captured.OvmfSolicit, IPAddress.Parse("fd00:99::1"), ClientLinkLocal));

        Assert.Equal(0, outcome.Length);
        var ignored = Assert.Single(_journal.Events, e => e.Step == BootStep.Dhcp6Ignored);
        Assert.Equal(Dhcp6IgnoreReason.Relayed, ignored.Dhcp6!.IgnoreReason);
        Assert.Contains("from link fd00:99::1, which the range fd00:48::100-fd00:48::1ff is not on", ignored.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_only_mode_answers_a_relayed_client_from_any_link_with_boot_options_alone()
    {
        var (outcome, reply) = Handle(Handler(Dhcp6Mode.BootOnly), Forward(Dhcp6Captured.OvmfSolicit, IPAddress.Parse("fd00:99::1"), ClientLinkLocal));

        Assert.True(outcome.ToRelay);
        Dhcp6MessageView.TryParse(reply, out var relayReply);
        Assert.True(relayReply.TryGetRelayedMessage(out var inner));
        Dhcp6MessageView.TryParse(inner, out var advertise);
        Assert.Equal(Dhcp6MessageType.Advertise, advertise.MessageType);
        Assert.False(advertise.TryGetIaNa(out _));
        Assert.Equal("tftp://[fd00:47:9::1]/ipxe.efi", Encoding.UTF8.GetString(advertise.BootFileUrl));
    }

    [Fact]
    public void More_relays_than_the_hop_limit_or_a_forward_without_a_message_is_dropped_and_journaled()
    {
        var message = Dhcp6Captured.OvmfSolicit;
        for (int hop = 0; hop <= Dhcp6RelayChain.MaxHops; hop++)
        {
            message = Forward(message, ClientLink, ClientLinkLocal, (byte)hop);
        }

        Assert.Equal(0, Handle(Handler(Dhcp6Mode.Full), message).Outcome.Length);
        var empty = Forward(Dhcp6Captured.OvmfSolicit, ClientLink, ClientLinkLocal)[..Dhcp6Constants.RelayHeaderLength];
        Assert.Equal(0, Handle(Handler(Dhcp6Mode.Full), empty).Outcome.Length);
        Assert.Equal(
            [$"a Relay-forward through more than {Dhcp6RelayChain.MaxHops} relays", "a Relay-forward that carries no message"],
            _journal.Events.Where(e => e.Step == BootStep.Dhcp6Ignored).Select(e => e.Detail));
    }

    [Fact]
    public void A_relay_forward_that_does_not_parse_is_journaled_as_unparsable()
    {
        var broken = Forward(Dhcp6Captured.OvmfSolicit, ClientLink, ClientLinkLocal)[..20];

        Assert.Equal(0, Handle(Handler(Dhcp6Mode.Full), broken).Outcome.Length);
        Assert.Equal(Dhcp6IgnoreReason.Unparsable, Assert.Single(_journal.Events).Dhcp6!.IgnoreReason);
    }

    [Fact]
    public void A_client_on_the_link_is_answered_as_before()
    {
        var outcome = Handler(Dhcp6Mode.Full).Handle(new Dhcp6RequestContext(Dhcp6Captured.OvmfSolicit, "lab0", new IPEndPoint(ClientLinkLocal, Dhcp6Constants.ClientPort), Server), _reply);

        Assert.False(outcome.ToRelay);
        Assert.Equal(Dhcp6MessageType.Advertise, (Dhcp6MessageType)_reply[0]);
    }
}
