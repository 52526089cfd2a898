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

    /// <summary>Holds every request until released, as a lease database that has stopped answering would.</summary>
    private sealed class HeldHandler : IDhcpHandler
    {
        public readonly TaskCompletionSource<DhcpMessage?> Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls;

        public DhcpMessage? Handle(DhcpRequestContext context) => throw new NotSupportedException();

        public ValueTask<DhcpMessage?> HandleAsync(DhcpRequestContext context)
        {
            Interlocked.Increment(ref Calls);
            return new(Release.Task);
        }
    }

    [HostFact]
    public async Task With_every_slot_waiting_a_new_discover_is_dropped_as_busy_and_a_request_waits_for_its_turn()
    {
        var journal = new RecordingJournal();
        var handler = new HeldHandler();
        int port = FreePort();
        using var listener = new DhcpListener("lo", port, handler, journal, NullLogger<DhcpListener>.Instance);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);

        for (int i = 0; i < DhcpListener.MaxRequestsInFlight; i++)
        {
            Send(port, Request(1, DhcpMessageType.Discover, i));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref handler.Calls) < DhcpListener.MaxRequestsInFlight && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(DhcpListener.MaxRequestsInFlight, handler.Calls);
        Send(port, Request(1, DhcpMessageType.Discover, 0xfffe));
        var busy = await journal.WaitForAsync(e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.Busy);
        Assert.Equal("52:54:00:00:ff:fe", busy.Mac);

        Send(port, Request(1, DhcpMessageType.Request, 0xffff));
        handler.Release.SetResult(null);
        while (Volatile.Read(ref handler.Calls) < DhcpListener.MaxRequestsInFlight + 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(DhcpListener.MaxRequestsInFlight + 1, handler.Calls);
        Assert.Equal(1, listener.Drops.GetValueOrDefault("busy"));
    }

    private static byte[] Request(byte hardwareType, DhcpMessageType? messageType, int client = 0x35)
    {
        var request = new DhcpMessage
        {
            Op = DhcpOpCode.BootRequest,
            HardwareType = hardwareType,
            TransactionId = (uint)client,
            ClientHardwareAddress = [0x52, 0x54, 0x00, 0x00, (byte)(client >> 8), (byte)client],
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
