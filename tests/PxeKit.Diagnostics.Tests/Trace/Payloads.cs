using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>DHCP and TFTP payloads written with PxeKit's own encoders.</summary>
internal static class Payloads
{
    public const string Mac = "52:54:00:00:00:01";
    public const string BiosVendor = "PXEClient:Arch:00000:UNDI:002001";

    public static byte[] Discover(uint xid, string mac = Mac, bool ipxe = false, string vendor = BiosVendor, string? relay = null, ClientArchitecture? arch = null) =>
        Request(DhcpMessageType.Discover, xid, mac, ipxe, vendor, relay, arch: arch);

    public static byte[] Request(DhcpMessageType type, uint xid, string mac = Mac, bool ipxe = false, string vendor = BiosVendor, string? relay = null, string? server = null, string? requested = null, ClientArchitecture? arch = null)
    {
        var message = Message(DhcpOpCode.BootRequest, type, xid, mac);
        message.SetString(DhcpOptionCode.VendorClassIdentifier, vendor);
        if (arch is { } architecture)
        {
            message.SetOption(DhcpOptionCode.ClientSystemArchitecture, [(byte)((ushort)architecture >> 8), (byte)architecture]);
        }

        if (ipxe)
        {
            message.SetOption(DhcpOptionCode.UserClass, "iPXE"u8);
        }

        if (relay is not null)
        {
            message.GatewayAddress = IPAddress.Parse(relay);
            message.Hops = 1;
        }

        if (server is not null)
        {
            message.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse(server));
        }

        if (requested is not null)
        {
            message.SetAddress(DhcpOptionCode.RequestedIpAddress, IPAddress.Parse(requested));
        }

        return Encode(message);
    }

    /// <param name="address">yiaddr; null for a proxyDHCP reply.</param>
    /// <param name="bootFile">The file field; null for none.</param>
    /// <param name="pxeOptions">Add option 43 (PXE vendor options), as proxyDHCP replies carry.</param>
    public static byte[] Reply(DhcpMessageType type, uint xid, string server, string? address, string? bootFile, string mac = Mac, string? relay = null, bool pxeOptions = false)
    {
        var message = Message(DhcpOpCode.BootReply, type, xid, mac);
        message.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse(server));
        message.YourAddress = address is null ? IPAddress.Any : IPAddress.Parse(address);
        message.BootFile = bootFile ?? "";
        if (bootFile is not null)
        {
            message.ServerAddress = IPAddress.Parse(server);
        }

        if (relay is not null)
        {
            message.GatewayAddress = IPAddress.Parse(relay);
        }

        if (pxeOptions)
        {
            message.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient");
            message.SetOption(DhcpOptionCode.VendorSpecific, [6, 1, 8, 255]); // PXE_DISCOVERY_CONTROL = 8, end
        }

        return Encode(message);
    }

    public static byte[] ReadRequest(string file, int? blockSize = null)
    {
        var buffer = new byte[600];
        KeyValuePair<string, string>[] options = blockSize is { } size ? [new("blksize", size.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [];
        int length = TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, file, TftpMode.Octet, options);
        return buffer[..length];
    }

    public static byte[] OptionAck(int blockSize)
    {
        var buffer = new byte[100];
        int length = TftpPacketWriter.WriteOptionAck(buffer, [new("blksize", blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return buffer[..length];
    }

    /// <param name="head">The block's first bytes (a program's header); zeros after them.</param>
    public static byte[] Data(ushort block, int length, byte[]? head = null)
    {
        var buffer = new byte[4 + length];
        TftpPacketWriter.WriteDataHeader(buffer, block);
        head?.AsSpan(0, Math.Min(head.Length, length)).CopyTo(buffer.AsSpan(4));
        return buffer;
    }

    /// <summary>The first bytes of an x86_64 EFI program: an MZ header pointing at a PE header with machine 0x8664.</summary>
    public static byte[] EfiX64Head()
    {
        var head = new byte[0x90];
        head[0] = (byte)'M';
        head[1] = (byte)'Z';
        head[0x3c] = 0x80;
        "PE\0\0"u8.CopyTo(head.AsSpan(0x80));
        head[0x84] = 0x64;
        head[0x85] = 0x86;
        return head;
    }

    public static byte[] Ack(ushort block)
    {
        var buffer = new byte[4];
        TftpPacketWriter.WriteAck(buffer, block);
        return buffer;
    }

    public static byte[] Error(TftpErrorCode code, string message)
    {
        var buffer = new byte[4 + message.Length + 1];
        int length = TftpPacketWriter.WriteError(buffer, code, message);
        return buffer[..length];
    }

    private static DhcpMessage Message(DhcpOpCode op, DhcpMessageType type, uint xid, string mac)
    {
        Assert.True(MacAddress.TryParse(mac, out var chaddr));
        var message = new DhcpMessage { Op = op, TransactionId = xid, ClientHardwareAddress = chaddr };
        message.MessageType = type;
        return message;
    }

    private static byte[] Encode(DhcpMessage message)
    {
        var buffer = new byte[1500];
        int length = message.WriteTo(buffer);
        return buffer[..length];
    }
}
