using System.Buffers.Binary;
using System.Net;
using PxeKit.Core.Capture;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>The lease audit reads its captures through the one capture reader and frame decoder: pcap and pcapng, whole or cut.</summary>
public sealed class LeaseCaptureTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxs-leasecap-");

    public void Dispose() => _work.Delete(recursive: true);

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void A_pcapng_capture_gives_the_acks_and_releases_and_the_audit_finds_the_lost_lease()
    {
        var path = Path.Combine(_work.FullName, "dhcp.pcapng");
        CaptureFixtures.WritePcapNg(path, Exchange());

        var seen = LeaseCapture.Read(path);

        Assert.Equal(
            [
                ("52:54:00:00:00:01", "10.0.0.10", T0.AddSeconds(1), false),
                ("52:54:00:00:00:02", "10.0.0.11", T0.AddSeconds(2), false),
                ("52:54:00:00:00:02", "10.0.0.11", T0.AddSeconds(3), true),
                ("52:54:00:00:00:03", "10.0.0.12", T0.AddSeconds(5), false),
            ],
            seen.Select(s => (s.Mac, s.Address.ToString(), s.Seen, s.Released)));
        // :01 is stored, :02 released its address, :03 was ACKed and is not in the store.
        var report = LeaseAudit.Run([new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), T0.AddHours(1))], seen);
        Assert.Equal(("52:54:00:00:00:03", 3), (Assert.Single(report.Missing).Mac, report.AckCount));
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void A_pcap_whose_last_record_is_cut_short_gives_the_leases_before_it()
    {
        var whole = CaptureFixtures.Pcap(Exchange());
        var path = Path.Combine(_work.FullName, "cut.pcap");
        // tcpdump still writing: its buffer was flushed in the middle of the last ACK's bytes.
        File.WriteAllBytes(path, whole[..^100]);

        var seen = LeaseCapture.Read(path);

        Assert.Equal(["10.0.0.10", "10.0.0.11", "10.0.0.11"], seen.Select(s => s.Address.ToString()));
        // The same file read as whole is damaged.
        Assert.Throws<CaptureFileException>(() => LeaseCapture.Read(path, CaptureFileEnd.Complete));
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void A_pcap_cut_inside_the_last_record_header_gives_the_leases_before_it()
    {
        var frames = Exchange();
        var whole = CaptureFixtures.Pcap(frames);
        int lastRecord = whole.Length - frames[^1].Data.Length - CaptureFixtures.PcapRecordHeaderLength;
        var path = Path.Combine(_work.FullName, "cut-header.pcap");
        File.WriteAllBytes(path, whole[..(lastRecord + 6)]);

        Assert.Equal(3, LeaseCapture.Read(path).Count);
    }

    [Fact]
    public void A_pcap_damaged_before_its_end_is_an_error_even_when_it_may_be_cut()
    {
        var whole = CaptureFixtures.Pcap(Exchange());
        // The second record's captured length, past any snap length libpcap accepts.
        int second = CaptureFixtures.PcapHeaderLength + CaptureFixtures.PcapRecordHeaderLength + Exchange()[0].Data.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(whole.AsSpan(second + 8), 0x0100_0000);
        var path = Path.Combine(_work.FullName, "damaged.pcap");
        File.WriteAllBytes(path, whole);

        var error = Assert.Throws<CaptureFileException>(() => LeaseCapture.Read(path));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_capture_is_refused_with_a_sentence()
    {
        var path = Path.Combine(_work.FullName, "leases.txt");
        File.WriteAllText(path, "10.0.0.10 52:54:00:00:00:01");

        var error = Assert.Throws<CaptureFileException>(() => LeaseCapture.Read(path));

        Assert.Contains("is not a capture file", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A DISCOVER (not a lease), ACKs to :01 and :02, :02's RELEASE, a copy of an ACK sent to port 67 (not from
    /// a server's port, so not counted), and last an ACK to :03.
    /// </summary>
    private static List<CapturedFrame> Exchange() =>
    [
        CaptureFixtures.At(T0, Dhcp("0.0.0.0", 68, "255.255.255.255", 67, Message(DhcpOpCode.BootRequest, DhcpMessageType.Discover, 1))),
        CaptureFixtures.At(T0.AddSeconds(1), Dhcp("10.0.0.1", 67, "10.0.0.10", 68, Message(DhcpOpCode.BootReply, DhcpMessageType.Ack, 1, yours: "10.0.0.10"))),
        CaptureFixtures.At(T0.AddSeconds(2), Dhcp("10.0.0.1", 67, "10.0.0.11", 68, Message(DhcpOpCode.BootReply, DhcpMessageType.Ack, 2, yours: "10.0.0.11"))),
        CaptureFixtures.At(T0.AddSeconds(3), Dhcp("10.0.0.11", 68, "10.0.0.1", 67, Message(DhcpOpCode.BootRequest, DhcpMessageType.Release, 2, clientAddress: "10.0.0.11"))),
        CaptureFixtures.At(T0.AddSeconds(4), Dhcp("10.0.0.2", 68, "10.0.0.1", 67, Message(DhcpOpCode.BootReply, DhcpMessageType.Ack, 4, yours: "10.0.0.13"))),
        CaptureFixtures.At(T0.AddSeconds(5), Dhcp("10.0.0.1", 67, "10.0.0.12", 68, Message(DhcpOpCode.BootReply, DhcpMessageType.Ack, 3, yours: "10.0.0.12"))),
    ];

    private static byte[] Dhcp(string source, int sourcePort, string destination, int destinationPort, byte[] message) =>
        CaptureFixtures.UdpFrame(source, sourcePort, destination, destinationPort, message);

    private static byte[] Message(DhcpOpCode op, DhcpMessageType type, byte client, string yours = "0.0.0.0", string clientAddress = "0.0.0.0")
    {
        var message = new DhcpMessage
        {
            Op = op,
            TransactionId = 0x1000u + client,
            ClientHardwareAddress = [0x52, 0x54, 0x00, 0x00, 0x00, client],
            YourAddress = IPAddress.Parse(yours),
            ClientAddress = IPAddress.Parse(clientAddress),
        };
        message.MessageType = type;
        var buffer = new byte[576];
        return buffer[..message.WriteTo(buffer)];
    }
}
