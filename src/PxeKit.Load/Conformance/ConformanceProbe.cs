using System.Net;
using System.Security.Cryptography;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load.Conformance;

/// <summary>
/// What every case plays with: the wire, a fresh MAC per simulated machine (locally administered, random per run, so a
/// second run against the same lease database meets no machine of the first), the leases this run took, and the
/// messages a client sends in each state of RFC 2131 section 4.4.
/// </summary>
public sealed partial class ConformanceProbe : IDisposable
{
    private const int Tries = 3;
    private readonly byte[] _runPrefix = RandomNumberGenerator.GetBytes(3);
    private int _nextMac;

    public ConformanceProbe(ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Wire = new ConformanceWire(options.Interface, options.Server, options.SecondAddress);
    }

    public ConformanceOptions Options { get; }

    public ConformanceWire Wire { get; }

    /// <summary>
    /// Leases this run holds (ACKed and not released), oldest first, with the option 61 they were taken with (a server
    /// that keys leases by it knows the client only by it): later cases replay them.
    /// </summary>
    public List<(byte[] Mac, IPAddress Address, byte[]? ClientId)> Leases { get; } = [];

    /// <summary>Another machine: 02 (locally administered), the run's three random bytes, a counter.</summary>
    public byte[] NewMac()
    {
        var n = Interlocked.Increment(ref _nextMac);
        return [0x02, _runPrefix[0], _runPrefix[1], _runPrefix[2], (byte)(n >> 8), (byte)n];
    }

    /// <summary>A BOOTREQUEST of the given type with a fresh xid, the broadcast bit set and the options most clients send.</summary>
    public static DhcpMessage Message(DhcpMessageType type, byte[] mac)
    {
        var message = new DhcpMessage
        {
            TransactionId = (uint)RandomNumberGenerator.GetInt32(int.MaxValue),
            ClientHardwareAddress = mac,
            Flags = DhcpConstants.BroadcastFlag,
        };
        message.MessageType = type;
        message.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, 6, 51, 54, 66, 67]);
        return message;
    }

    /// <summary>SELECTING: option 50 is the offered address, option 54 names the server that offered it (RFC 2131 4.3.2).</summary>
    public static DhcpMessage Selecting(byte[] mac, uint xid, IPAddress address, IPAddress serverId)
    {
        var request = Message(DhcpMessageType.Request, mac);
        request.TransactionId = xid;
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        request.SetAddress(DhcpOptionCode.ServerIdentifier, serverId);
        return request;
    }

    /// <summary>INIT-REBOOT: option 50, no option 54, ciaddr 0 (RFC 2131 4.3.2).</summary>
    public static DhcpMessage InitReboot(byte[] mac, IPAddress address)
    {
        var request = Message(DhcpMessageType.Request, mac);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        return request;
    }

    /// <summary>DHCPDECLINE: option 50 the address, option 54 when given (RFC 2131 4.4.1 table 5: it MUST be there).</summary>
    public static DhcpMessage Decline(byte[] mac, IPAddress address, IPAddress? serverId)
    {
        var decline = Message(DhcpMessageType.Decline, mac);
        decline.RemoveOption(DhcpOptionCode.ParameterRequestList);
        decline.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        if (serverId is not null)
        {
            decline.SetAddress(DhcpOptionCode.ServerIdentifier, serverId);
        }

        return decline;
    }

    /// <summary>DHCPRELEASE: ciaddr the address, option 54 the server, sent unicast (RFC 2131 4.4.6).</summary>
    public static DhcpMessage Release(byte[] mac, IPAddress address, IPAddress serverId)
    {
        var release = Message(DhcpMessageType.Release, mac);
        release.RemoveOption(DhcpOptionCode.ParameterRequestList);
        release.Flags = 0;
        release.ClientAddress = address;
        release.SetAddress(DhcpOptionCode.ServerIdentifier, serverId);
        return release;
    }

    /// <summary>Sends up to three times until an answer comes; null when none did.</summary>
    public DhcpReply? Ask(DhcpMessage request, DhcpPath path = DhcpPath.Broadcast, int tries = Tries)
    {
        for (var attempt = 0; attempt < tries; attempt++)
        {
            if (Wire.Exchange(request, path, Options.ReplyTimeout) is { } reply)
            {
                return reply;
            }
        }

        return null;
    }

    /// <summary>Sends once and listens for the whole silence window; null when the server stayed silent.</summary>
    public DhcpReply? Listen(DhcpMessage request, DhcpPath path = DhcpPath.Broadcast) =>
        Wire.Exchange(request, path, Options.SilenceWindow);

    public void Dispose() => Wire.Dispose();
}
