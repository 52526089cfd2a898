using System.Text;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Protocol.Tests.Captures;

namespace PxeKit.Protocol.Tests.Dhcp6;

/// <summary>
/// DHCPv6 from real firmware (Data/README.md says how it was captured): OVMF's PXEv6 client, then Debian's
/// iPXE EFI build that it loaded, both against dnsmasq.
/// </summary>
public class Dhcp6CaptureTests
{
    private const string Capture = "ovmf-ipxe-dhcp6";

    private static IReadOnlyList<UdpDatagram> Packets() => PcapReader.ReadUdp(Golden.DataPath(Capture + ".pcap"));

    [Fact]
    public void Every_captured_message_decodes_to_the_golden_text()
    {
        var text = new StringBuilder();
        foreach (var packet in Packets())
        {
            Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(packet.Payload, out var view));
            text.Append($"# {packet.Source} > {packet.Destination}\n").Append(Dhcp6MessageFormatter.Format(view)).Append('\n');
        }

        Golden.Match(Capture + ".txt", text.ToString());
    }

    [Fact]
    public void Every_captured_message_is_written_again_byte_for_byte()
    {
        foreach (var packet in Packets())
        {
            Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(packet.Payload, out var view));
            var buffer = new byte[packet.Payload.Length];
            var writer = new Dhcp6MessageWriter(buffer, view.MessageType, view.TransactionId);
            foreach (var option in view.Options)
            {
                writer.Write((Dhcp6OptionCode)option.Code, option.Data);
            }

            Assert.Equal(packet.Payload, writer.Written.ToArray());
        }
    }

    [Fact]
    public void Ovmf_pxe_solicit_says_arch_7_uefi_undi_and_a_duid_llt_of_its_mac()
    {
        var solicit = FirstWith(p => p.RequestedOptions.Contains((ushort)Dhcp6OptionCode.BootFileUrl) && !p.IsIpxe);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(solicit, out var view));
        Assert.Equal(Dhcp6MessageType.Solicit, view.MessageType);
        Assert.Equal(ClientArchitecture.EfiBc, view.Architecture);
        Assert.Equal(Dhcp6Duid.LinkLayerTimeType, Dhcp6Duid.TypeOf(view.ClientId));
        Assert.True(Dhcp6Duid.TryGetMac(view.ClientId, out var mac));
        Assert.Equal("52:54:00:12:34:56", MacAddress.Format(mac));
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.Equal(0x37e3d6f7u, ia.Iaid);
        Assert.True(view.TryGetNetworkInterfaceId(out byte type, out byte major, out byte minor));
        Assert.Equal((1, 3, 0), (type, major, minor));
        Assert.True(view.TryGetVendorClass(out uint enterprise, out var vendor));
        Assert.Equal(343u, enterprise);
        Assert.True(vendor.MoveNext());
        Assert.Equal("PXEClient:Arch:00007:UNDI:003000", Encoding.ASCII.GetString(vendor.Current));
        Assert.False(view.RapidCommit);
    }

    [Fact]
    public void Ipxe_solicit_says_user_class_ipxe_arch_7_and_a_duid_uuid()
    {
        var solicit = FirstWith(p => p.IsIpxe);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(solicit, out var view));
        Assert.Equal(Dhcp6MessageType.Solicit, view.MessageType);
        Assert.Equal(ClientArchitecture.EfiBc, view.Architecture);
        Assert.Equal(Dhcp6Duid.UuidType, Dhcp6Duid.TypeOf(view.ClientId));
        Assert.Equal(18, view.ClientId.Length);
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.Equal(0xaa55b0dfu, ia.Iaid);
        var classes = view.UserClasses;
        Assert.True(classes.MoveNext());
        Assert.Equal("iPXE", Encoding.ASCII.GetString(classes.Current));
    }

    [Fact]
    public void The_reply_to_ovmf_carries_the_address_and_the_boot_file_url()
    {
        var reply = Packets().Select(p => p.Payload).First(p =>
            Dhcp6MessageView.TryParse(p, out var v) == Dhcp6ParseError.None && v.MessageType == Dhcp6MessageType.Reply && !v.BootFileUrl.IsEmpty);
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(reply, out var view));
        Assert.Equal("tftp://[fd00:47:9::1]/ipxe.efi", Encoding.UTF8.GetString(view.BootFileUrl));
        Assert.True(view.TryGetIaNa(out var ia));
        Assert.True(ia.TryGetAddress(out var address));
        Assert.StartsWith("fd00:47:9::", address.Address.ToString(), StringComparison.Ordinal);
        Assert.Equal(3600u, address.ValidLifetime);
    }

    private delegate bool ViewTest(Dhcp6MessageView view);

    private static byte[] FirstWith(ViewTest test) => Packets().Select(p => p.Payload).First(p =>
        Dhcp6MessageView.TryParse(p, out var v) == Dhcp6ParseError.None && v.MessageType == Dhcp6MessageType.Solicit && test(v));
}
