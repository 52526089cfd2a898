using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>
/// The listener on loopback: what it drops on purpose is journaled with the reason, so that the diagnosis, which sees
/// the same requests on the wire, never takes them for requests the host's firewall dropped.
/// </summary>
public sealed class DhcpListenerTests
{
    /// <summary>Counts what reaches the handler: a request the listener drops must never get here.</summary>
    private sealed class CountingHandler : IDhcpHandler
    {
        public int Calls;

        public DhcpMessage? Handle(DhcpRequestContext context)
        {
            Interlocked.Increment(ref Calls);
            return null;
        }
    }

    [HostFact]
    public async Task A_bootp_request_and_one_from_other_hardware_are_journaled_as_ignored_with_their_reasons()
    {
        var journal = new RecordingJournal();
        var handler = new CountingHandler();
        int port = FreePort();
        using var listener = new DhcpListener("lo", port, handler, journal, NullLogger<DhcpListener>.Instance);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);

        Send(port, Request(hardwareType: 1, messageType: null));
        Send(port, Request(hardwareType: 6, messageType: DhcpMessageType.Discover));

        var bootp = await journal.WaitForAsync(e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.Bootp);
        var other = await journal.WaitForAsync(e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.NotEthernet);
        await stop.CancelAsync();
        await running;

        Assert.Equal((BootStep.DhcpIgnored, "52:54:00:00:00:35"), (bootp.Step, bootp.Mac));
        Assert.Equal(BootStep.DhcpIgnored, other.Step);
        Assert.Equal(0, handler.Calls);
        Assert.Equal(1, listener.Drops.Count(d => d.Key.StartsWith("BOOTP", StringComparison.Ordinal)));
    }

    private static byte[] Request(byte hardwareType, DhcpMessageType? messageType)
    {
        var request = new DhcpMessage
        {
            Op = DhcpOpCode.BootRequest,
            HardwareType = hardwareType,
            TransactionId = 0x35,
            ClientHardwareAddress = [0x52, 0x54, 0x00, 0x00, 0x00, 0x35],
        };
        if (messageType is { } type)
        {
            request.MessageType = type;
        }

        var buffer = new byte[DhcpConstants.MaximumMessageLength];
        return buffer[..request.WriteTo(buffer)];
    }

    private static void Send(int port, byte[] datagram)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Send(datagram, new IPEndPoint(IPAddress.Loopback, port));
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
