using System.Text;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Protocol.Tests.Captures;

/// <summary>Real packets from real firmware and clients (see Data/README.md), decoded to text and compared.</summary>
public class CaptureDecodeTests
{
    [Theory]
    [InlineData("qemu-bios-ipxe-dhcp")]
    [InlineData("udhcpc-dhcp")]
    [InlineData("dhclient-dhcp")]
    public void Dhcp_captures_decode_to_their_golden_text_and_round_trip(string name)
    {
        var text = new StringBuilder();
        int index = 0;
        foreach (var datagram in PcapReader.ReadUdp(Golden.DataPath(name + ".pcap")))
        {
            Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(datagram.Payload, out var message));
            var decoded = DhcpMessageFormatter.Format(message!);
            text.Append($"# {++index}: {datagram.Source} > {datagram.Destination}\n{decoded}\n");

            var buffer = new byte[DhcpConstants.MaximumMessageLength];
            int length = message!.WriteTo(buffer);
            Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var again));
            Assert.Equal(decoded, DhcpMessageFormatter.Format(again!));
        }

        Assert.True(index >= 4, $"{name} holds only {index} DHCP messages");
        Golden.Match(name + ".txt", text.ToString());
    }

    [Fact]
    public void The_ipxe_discover_identifies_a_bios_pxe_client_running_ipxe()
    {
        var discover = PcapReader.ReadUdp(Golden.DataPath("qemu-bios-ipxe-dhcp.pcap"))[0];
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(discover.Payload, out var m));
        Assert.Equal(DhcpMessageType.Discover, m!.MessageType);
        Assert.True(m.IsPxeClient);
        Assert.True(m.IsIpxe);
        Assert.Equal([ClientArchitecture.IntelX86Pc], m.ClientArchitectures);
        Assert.Equal("52:54:00:12:34:56", m.ClientMac);
    }

    [Fact]
    public void Every_prefix_of_every_captured_dhcp_message_parses_or_gives_a_reason()
    {
        foreach (var datagram in PcapReader.ReadUdp(Golden.DataPath("qemu-bios-ipxe-dhcp.pcap")))
        {
            for (int length = 0; length < datagram.Payload.Length; length++)
            {
                var error = DhcpMessage.TryParse(datagram.Payload.AsSpan(0, length), out var m);
                Assert.Equal(error == DhcpParseError.None, m is not null);
                if (length < DhcpConstants.OptionsOffset)
                {
                    Assert.Equal(DhcpParseError.Truncated, error);
                }
            }
        }
    }

    [Fact]
    public void The_tftp_capture_decodes_to_its_golden_text()
    {
        var text = new StringBuilder();
        foreach (var datagram in PcapReader.ReadUdp(Golden.DataPath("qemu-bios-ipxe-tftp.pcap")))
        {
            Assert.Equal(TftpParseError.None, TftpPacket.TryParse(datagram.Payload, out var packet));
            text.Append($"{datagram.Source} > {datagram.Destination}: {Describe(packet)}\n");
        }

        Golden.Match("qemu-bios-ipxe-tftp.txt", text.ToString());
    }

    private static string Describe(TftpPacket p)
    {
        switch (p.Opcode)
        {
            case TftpOpcode.ReadRequest or TftpOpcode.WriteRequest:
                var options = new StringBuilder();
                foreach (var option in p.Options)
                {
                    options.Append($" {Encoding.ASCII.GetString(option.Name)}={Encoding.ASCII.GetString(option.Value)}");
                }

                return $"{p.Opcode} \"{Encoding.ASCII.GetString(p.FileName)}\" {p.Mode}{options}";
            case TftpOpcode.Data:
                return $"DATA block {p.Block}, {p.Data.Length} bytes";
            case TftpOpcode.Ack:
                return $"ACK block {p.Block}";
            case TftpOpcode.Error:
                return $"ERROR {p.ErrorCode} \"{Encoding.ASCII.GetString(p.ErrorMessage)}\"";
            default:
                var oack = new StringBuilder("OACK");
                foreach (var option in p.Options)
                {
                    oack.Append($" {Encoding.ASCII.GetString(option.Name)}={Encoding.ASCII.GetString(option.Value)}");
                }

                return oack.ToString();
        }
    }
}
