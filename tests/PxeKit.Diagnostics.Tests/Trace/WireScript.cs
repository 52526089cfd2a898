using System.Buffers.Binary;
using System.Net;
using PacketDotNet;
using PxeKit.Core.Capture;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>
/// Builds a capture in code: frames at chosen times (seconds after <see cref="Start"/>), with real
/// Ethernet, IPv4 or IPv6 (by the addresses given), UDP, TCP and ICMPv6 headers around the payloads, in the link layer
/// asked for.
/// </summary>
internal sealed class WireScript
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private static readonly byte[] ClientEthernet = [0x52, 0x54, 0x00, 0x00, 0x00, 0x01];
    private static readonly byte[] ServerEthernet = [0x52, 0x54, 0x00, 0x00, 0x00, 0xfe];
    private readonly List<CapturedFrame> _frames = [];
    private double _seconds;

    public LinkLayers Link { get; init; } = LinkLayers.Ethernet;

    public IReadOnlyList<CapturedFrame> Frames => _frames;

    public WireScript At(double seconds)
    {
        _seconds = seconds;
        return this;
    }

    /// <param name="captured">How many bytes of the UDP payload the capture kept (a snap length); all by default.</param>
    public WireScript Udp(string source, int sourcePort, string destination, int destinationPort, byte[] payload, int? captured = null)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return Add(source, destination, 17, udp, captured is { } keep ? udp.Length - payload.Length + keep : null);
    }

    /// <summary>An ICMPv6 message (its type first; the checksum left zero: no reader here checks it).</summary>
    public WireScript Icmpv6(string source, string destination, byte[] message) => Add(source, destination, 58, message, null);

    public WireScript Tcp(string source, int sourcePort, string destination, int destinationPort, string text)
    {
        var payload = System.Text.Encoding.ASCII.GetBytes(text);
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)destinationPort);
        tcp[12] = 5 << 4;   // data offset: 5 words, no options
        tcp[13] = 0x18;     // PSH, ACK
        payload.CopyTo(tcp, 20);
        return Add(source, destination, 6, tcp, null);
    }

    /// <summary>Every frame into a new analyzer, then <see cref="TraceAnalyzer.Finish"/>.</summary>
    public TraceAnalyzer Run(TraceAnalyzerOptions? options = null)
    {
        var analyzer = new TraceAnalyzer(options);
        foreach (var frame in _frames)
        {
            analyzer.Add(frame);
        }

        analyzer.Finish();
        return analyzer;
    }

    private WireScript Add(string source, string destination, byte protocol, byte[] transport, int? capturedTransport)
    {
        var from = IPAddress.Parse(source);
        if (from.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var ip6 = new byte[40 + transport.Length];
            ip6[0] = 0x60;                                              // IPv6, traffic class and flow label 0
            BinaryPrimitives.WriteUInt16BigEndian(ip6.AsSpan(4), (ushort)transport.Length); // payload length
            ip6[6] = protocol;                                          // next header
            ip6[7] = 64;                                                // hop limit
            from.GetAddressBytes().CopyTo(ip6, 8);
            IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip6, 24);
            transport.CopyTo(ip6, 40);
            return Frame(source, ip6, 40, capturedTransport, 0x86dd);
        }

        var ip = new byte[20 + transport.Length];
        ip[0] = 0x45;                                                   // IPv4, header of 5 words
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;                                                     // TTL
        ip[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 16);
        transport.CopyTo(ip, 20);
        return Frame(source, ip, 20, capturedTransport, 0x0800);
    }

    private WireScript Frame(string source, byte[] ip, int ipHeaderLength, int? capturedTransport, ushort etherType)
    {
        var header = LinkHeader(source, etherType);
        var frame = new byte[header.Length + ip.Length];
        header.CopyTo(frame, 0);
        ip.CopyTo(frame, header.Length);
        int keep = capturedTransport is { } c ? header.Length + ipHeaderLength + c : frame.Length;
        _frames.Add(new CapturedFrame(Start.AddSeconds(_seconds), Link, frame.AsMemory(0, keep), frame.Length));
        return this;
    }

    private byte[] LinkHeader(string source, ushort etherType)
    {
        var from = source.EndsWith(".1", StringComparison.Ordinal) || source.EndsWith("::1", StringComparison.Ordinal) ? ServerEthernet : ClientEthernet;
        byte high = (byte)(etherType >> 8);
        byte low = (byte)etherType;
        switch (Link)
        {
            case LinkLayers.Ethernet:
                return [.. ServerEthernet, .. from, high, low];
            case LinkLayers.LinuxSll:
                // packet type (2: from us), ARPHRD_ETHER, address length 6, address padded to 8, protocol
                return [0x00, 0x04, 0x00, 0x01, 0x00, 0x06, .. from, 0x00, 0x00, high, low];
            case LinkLayers.LinuxSll2:
                // protocol, reserved, interface index, ARPHRD_ETHER, packet type, address length, address padded to 8
                return [high, low, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x04, 0x06, .. from, 0x00, 0x00];
            default:
                return [];
        }
    }
}
