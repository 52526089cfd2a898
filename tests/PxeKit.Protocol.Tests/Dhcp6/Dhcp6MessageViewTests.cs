using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Protocol.Tests.Dhcp6;

public class Dhcp6MessageViewTests
{
    [Fact]
    public void A_solicit_reads_field_by_field()
    {
        var bytes = Dhcp6TestPackets.Solicit();
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(bytes, out var view));
        Assert.Equal(Dhcp6MessageType.Solicit, view.MessageType);
        Assert.False(view.IsRelay);
        Assert.Equal(0xabcdefu, view.TransactionId);
        Assert.Equal("00:03:00:01:52:54:00:12:34:56", Dhcp6Duid.Format(view.ClientId));
        Assert.True(view.ServerId.IsEmpty);
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.Equal(42u, ia.Iaid);
        Assert.False(ia.TryGetAddress(out _));
        Assert.Equal(2, view.RequestedOptions.Count);
        Assert.True(view.RequestedOptions.Contains((ushort)Dhcp6OptionCode.BootFileUrl));
        Assert.Equal((ushort)5, view.ElapsedTime);
        Assert.True(view.RapidCommit);
        Assert.Equal(ClientArchitecture.EfiBc, view.Architecture);
        Assert.Equal(2, view.ClientArchitectures.Count);
        Assert.Equal((ushort)9, view.ClientArchitectures[1]);
        Assert.True(view.TryGetNetworkInterfaceId(out byte type, out byte major, out byte minor));
        Assert.Equal((1, 3, 10), (type, major, minor));
        Assert.True(view.IsIpxe);
        Assert.True(view.TryGetVendorClass(out uint enterprise, out var vendor));
        Assert.Equal(343u, enterprise);
        Assert.True(vendor.MoveNext());
        Assert.Equal("PXECl"u8.ToArray(), vendor.Current.ToArray());
        Assert.False(vendor.MoveNext());
    }

    [Fact]
    public void A_relay_forward_exposes_its_header_and_the_message_it_carries()
    {
        var bytes = Dhcp6TestPackets.RelayForward();
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(bytes, out var relay));
        Assert.True(relay.IsRelay);
        Assert.Equal(Dhcp6MessageType.RelayForward, relay.MessageType);
        Assert.Equal(0u, relay.TransactionId);
        Assert.Equal(1, relay.HopCount);
        Assert.Equal(IPAddress.Parse("fd00::1"), new IPAddress(relay.LinkAddress));
        Assert.Equal(IPAddress.Parse("fe80::2"), new IPAddress(relay.PeerAddress));
        Assert.True(relay.TryGetRelayedMessage(out var inner));
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(inner, out var solicit));
        Assert.Equal(0xabcdefu, solicit.TransactionId);
    }

    [Theory]
    [InlineData(new byte[] { }, Dhcp6ParseError.Truncated)]
    [InlineData(new byte[] { 1, 0, 0 }, Dhcp6ParseError.Truncated)]
    [InlineData(new byte[] { 0, 0, 0, 1 }, Dhcp6ParseError.BadMessageType)]
    [InlineData(new byte[] { 14, 0, 0, 1 }, Dhcp6ParseError.BadMessageType)]
    [InlineData(new byte[] { 12, 0, 0, 1 }, Dhcp6ParseError.Truncated)] // a relay header is 34 bytes
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 1, 0 }, Dhcp6ParseError.BadOptionLength)] // half an option header
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 1, 0, 5, 0, 3, 0 }, Dhcp6ParseError.BadOptionLength)] // 5 bytes announced, 3 there
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 1, 0, 2, 0, 3 }, Dhcp6ParseError.BadDuid)] // a DUID of type only
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 3, 0, 4, 0, 0, 0, 1 }, Dhcp6ParseError.BadIdentityAssociation)] // IA_NA without T1, T2
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 61, 0, 3, 0, 7, 0 }, Dhcp6ParseError.BadListLength)] // half an architecture
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 8, 0, 1, 0 }, Dhcp6ParseError.BadFixedLength)] // elapsed time of one byte
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 15, 0, 3, 0, 4, 0x69 }, Dhcp6ParseError.BadOpaqueList)] // "iPXE" cut short
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 16, 0, 3, 0, 0, 1 }, Dhcp6ParseError.BadOpaqueList)] // no room for the enterprise number
    public void Bad_input_yields_its_reason(byte[] bytes, Dhcp6ParseError expected)
    {
        Assert.Equal(expected, Dhcp6MessageView.TryParse(bytes, out _));
    }

    [Fact]
    public void An_iaaddr_too_short_inside_an_ia_na_is_refused()
    {
        byte[] bytes =
        [
            0x03, 0, 0, 1,                // Request
            0, 3, 0, 20,                  // IA_NA, 20 bytes
            0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, // IAID 1, T1, T2
            0, 5, 0, 4, 0xfd, 0, 0, 0,    //   IAaddr of 4 bytes: no room for an address
        ];
        Assert.Equal(Dhcp6ParseError.BadIdentityAssociation, Dhcp6MessageView.TryParse(bytes, out _));
    }

    [Fact]
    public void Unknown_options_are_skipped_and_absent_ones_read_empty()
    {
        byte[] bytes = [0x0b, 0, 0, 7, 0x12, 0x34, 0, 2, 0xaa, 0xbb];
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(bytes, out var view));
        Assert.Equal(Dhcp6MessageType.InformationRequest, view.MessageType);
        Assert.True(view.ClientId.IsEmpty);
        Assert.Null(view.Architecture);
        Assert.False(view.IsIpxe);
        Assert.False(view.RapidCommit);
        Assert.False(view.TryGetIaNa(out _));
        Assert.Null(view.ElapsedTime);
    }
}
