using System.Net;
using BenchmarkDotNet.Attributes;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Benchmarks;

/// <summary>Writing an OFFER with PXE options into a reused buffer.</summary>
[MemoryDiagnoser]
public class DhcpEncodeBenchmarks
{
    private readonly byte[] _buffer = new byte[DhcpConstants.MaximumMessageLength];
    private DhcpMessage _offer = new();

    [GlobalSetup]
    public void Setup()
    {
        _offer = new DhcpMessage
        {
            Op = DhcpOpCode.BootReply,
            TransactionId = 0x1234_5678,
            Flags = DhcpConstants.BroadcastFlag,
            ClientHardwareAddress = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56],
            YourAddress = IPAddress.Parse("10.47.0.100"),
            ServerAddress = IPAddress.Parse("10.47.0.1"),
            BootFile = "pxelinux.0",
        };
        _offer.MessageType = DhcpMessageType.Offer;
        _offer.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.47.0.1"));
        _offer.SetAddress(DhcpOptionCode.SubnetMask, IPAddress.Parse("255.255.255.0"));
        _offer.SetAddress(DhcpOptionCode.Router, IPAddress.Parse("10.47.0.1"));
        _offer.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient");
        _offer.SetOption(DhcpOptionCode.LeaseTime, [0, 0, 0x0E, 0x10]);
    }

    /// <summary>The reply model to bytes, as the listener does for every answer.</summary>
    [Benchmark]
    public int WriteModel() => _offer.WriteTo(_buffer);

    /// <summary>Options straight into the buffer with the option writer (no model).</summary>
    [Benchmark]
    public int WriteOptions()
    {
        var writer = new DhcpOptionWriter(_buffer, DhcpConstants.OptionsOffset);
        writer.Write(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Offer);
        writer.WriteUInt32(DhcpOptionCode.ServerIdentifier, 0x0A2F_0001);
        writer.WriteUInt32(DhcpOptionCode.SubnetMask, 0xFFFF_FF00);
        writer.WriteUInt32(DhcpOptionCode.Router, 0x0A2F_0001);
        writer.WriteUInt32(DhcpOptionCode.LeaseTime, 3600);
        writer.Write(DhcpOptionCode.VendorClassIdentifier, "PXEClient"u8);
        writer.WriteEnd();
        return writer.Position;
    }
}
