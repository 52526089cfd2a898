using System.Net;
using System.Text;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Protocol.Tests.Dhcp6;

public class Dhcp6MessageWriterTests
{
    private static readonly byte[] ServerDuid = Dhcp6Duid.LinkLayer([0x02, 0, 0, 0, 0, 1]);
    private static readonly byte[] ClientDuid = Dhcp6Duid.LinkLayer([0x52, 0x54, 0, 0x12, 0x34, 0x56]);

    [Fact]
    public void A_reply_written_reads_back_the_same()
    {
        var buffer = new byte[Dhcp6Constants.MaximumReplyLength];
        var writer = new Dhcp6MessageWriter(buffer, Dhcp6MessageType.Reply, 0x123456);
        writer.WriteServerId(ServerDuid);
        writer.WriteClientId(ClientDuid);
        writer.WriteIaNa(42, 1800, 2880, IPAddress.Parse("fd00::1:100"), 3000, 3600);
        writer.WriteRapidCommit();
        writer.WriteBootFileUrl("tftp://[fd00::1]/ipxe.efi");
        writer.WriteBootFileParameters(["console=ttyS0", "x"]);
        writer.WriteDnsServers([IPAddress.Parse("fd00::53")]);
        int length = writer.Position;

        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(buffer.AsSpan(0, length), out var view));
        Assert.Equal(Dhcp6MessageType.Reply, view.MessageType);
        Assert.Equal(0x123456u, view.TransactionId);
        Assert.Equal(ServerDuid, view.ServerId.ToArray());
        Assert.Equal(ClientDuid, view.ClientId.ToArray());
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.Equal((42u, 1800u, 2880u), (ia.Iaid, ia.T1, ia.T2));
        Assert.True(ia.TryGetAddress(out var address));
        Assert.Equal(IPAddress.Parse("fd00::1:100"), address.Address);
        Assert.Equal((3000u, 3600u), (address.PreferredLifetime, address.ValidLifetime));
        Assert.True(view.RapidCommit);
        Assert.Equal("tftp://[fd00::1]/ipxe.efi", Encoding.UTF8.GetString(view.BootFileUrl));
        Assert.True(view.TryGetOption(Dhcp6OptionCode.BootFileParameters, out var parameters));
        var list = new Dhcp6OpaqueList(parameters);
        Assert.True(list.MoveNext());
        Assert.Equal("console=ttyS0", Encoding.UTF8.GetString(list.Current));
        Assert.True(list.MoveNext());
        Assert.Equal("x", Encoding.UTF8.GetString(list.Current));
        Assert.False(list.MoveNext());
        Assert.True(view.TryGetOption(Dhcp6OptionCode.DnsServers, out var dns));
        Assert.Equal(IPAddress.Parse("fd00::53"), new IPAddress(dns));
    }

    [Fact]
    public void A_vendor_class_is_the_enterprise_number_then_one_length_prefixed_item()
    {
        var buffer = new byte[Dhcp6Constants.MaximumReplyLength];
        var writer = new Dhcp6MessageWriter(buffer, Dhcp6MessageType.Advertise, 0x010203);
        writer.WriteVendorClass(343, "HTTPClient");

        Assert.Equal(Convert.FromHexString(
            "02" + "010203"                   // Advertise, transaction id
            + "0010" + "0010"                 // option 16, 16 bytes
            + "00000157"                      // enterprise number 343 (what edk2 sends)
            + "000a" + "48545450436c69656e74" // one item of 10 bytes: HTTPClient
            ), writer.Written.ToArray());
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(buffer.AsSpan(0, writer.Position), out var view));
        Assert.True(view.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal(343u, enterprise);
        Assert.True(items.MoveNext());
        Assert.Equal("HTTPClient", Encoding.UTF8.GetString(items.Current));
        Assert.False(items.MoveNext());
    }

    [Fact]
    public void An_ia_na_without_an_address_carries_its_status()
    {
        var buffer = new byte[Dhcp6Constants.MaximumReplyLength];
        var writer = new Dhcp6MessageWriter(buffer, Dhcp6MessageType.Advertise, 7);
        writer.WriteIaNa(9, 0, 0, null, 0, 0, Dhcp6StatusCode.NoAddrsAvail, "no addresses");
        writer.WriteStatus(Dhcp6StatusCode.Success);

        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(buffer.AsSpan(0, writer.Position), out var view));
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.False(ia.TryGetAddress(out _));
        Assert.True(ia.TryGetStatus(out var code, out var message));
        Assert.Equal(Dhcp6StatusCode.NoAddrsAvail, code);
        Assert.Equal("no addresses", Encoding.UTF8.GetString(message));
        Assert.True(view.TryGetStatus(out var top, out var empty));
        Assert.Equal(Dhcp6StatusCode.Success, top);
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void A_buffer_too_small_is_a_programming_error()
    {
        var buffer = new byte[8];
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new Dhcp6MessageWriter(buffer, Dhcp6MessageType.Reply, 1);
            writer.WriteServerId(ServerDuid);
        });
    }

    [Fact]
    public void An_ipv4_address_in_an_ia_na_is_refused()
    {
        var buffer = new byte[Dhcp6Constants.MaximumReplyLength];
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new Dhcp6MessageWriter(buffer, Dhcp6MessageType.Reply, 1);
            writer.WriteIaNa(1, 0, 0, IPAddress.Parse("10.0.0.1"), 0, 0);
        });
    }
}
