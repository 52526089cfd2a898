using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Plays PXE clients of several firmware on an interface: broadcasts one DISCOVER per architecture from UDP 68
/// and collects every reply, from every server. A proxyDHCP offer with no boot file is followed the way UEFI
/// firmware follows it, with a REQUEST to the server's port 4011. The probe never REQUESTs an address, so no
/// lease is taken; a server may hold its offered address for a short while. The probe is one machine with a random,
/// locally administered MAC that boots as each firmware in turn; what it sent and heard is evidence for the engine.
/// </summary>
public sealed class DhcpProbe(string interfaceName, TimeSpan wait)
{
    private const int ClientPort = DhcpConstants.ClientPort;
    private const int ServerPort = DhcpConstants.ServerPort;
    private const int BootServerPort = DhcpConstants.PxeServerPort;

    /// <summary>The firmware the doctor plays: BIOS, UEFI x64, ARM64 UEFI, and x64 UEFI HTTP Boot.</summary>
    public static IReadOnlyList<ClientArchitecture> Architectures { get; } =
        [ClientArchitecture.IntelX86Pc, ClientArchitecture.EfiBc, ClientArchitecture.EfiArm64, ClientArchitecture.EfiX64Http];

    /// <summary>Every reply to every probe; throws <see cref="SocketException"/> when UDP 68 cannot be bound.</summary>
    public async Task<ProbeRun> RunAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.EnableBroadcast = true;
        SocketOptions.BindToDevice(socket, interfaceName);
        socket.Bind(new IPEndPoint(IPAddress.Any, ClientPort));

        var mac = RandomMac();
        var run = new ProbeRun(MacAddress.Format(mac));
        foreach (var architecture in Architectures)
        {
            uint xid = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
            var discover = PxeClientRequest.Discover(mac, architecture, xid);
            await SendAsync(socket, discover, new IPEndPoint(IPAddress.Broadcast, ServerPort), cancellationToken).ConfigureAwait(false);
            run.Sent(discover, ServerPort);
            var replies = await CollectAsync(socket, xid, architecture, run, cancellationToken).ConfigureAwait(false);

            // UEFI firmware asks a proxyDHCP server without a boot file on port 4011 (PXE 2.1, section 2.2.2).
            foreach (var proxy in replies.Where(r => r.IsProxy && r.BootFile.Length == 0).Select(r => r.Server).Distinct().ToList())
            {
                var request = PxeClientRequest.Discover(mac, architecture, xid);
                request.MessageType = DhcpMessageType.Request;
                await SendAsync(socket, request, new IPEndPoint(proxy, BootServerPort), cancellationToken).ConfigureAwait(false);
                run.Sent(request, BootServerPort);
                await CollectAsync(socket, xid, architecture, run, cancellationToken).ConfigureAwait(false);
            }
        }

        return run;
    }

    private static async Task SendAsync(Socket socket, DhcpMessage message, IPEndPoint to, CancellationToken cancellationToken)
    {
        var buffer = new byte[DhcpConstants.MaximumMessageLength];
        int length = message.WriteTo(buffer);
        await socket.SendToAsync(buffer.AsMemory(0, length), to, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replies with the probe's transaction id until <see cref="DhcpProbe"/>'s wait has passed.</summary>
    private async Task<List<ProbeAnswer>> CollectAsync(Socket socket, uint xid, ClientArchitecture architecture, ProbeRun run, CancellationToken cancellationToken)
    {
        var replies = new List<ProbeAnswer>();
        var buffer = new byte[DhcpConstants.MaximumMessageLength];
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(wait);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), window.Token).ConfigureAwait(false);
                if (DhcpMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var reply) == DhcpParseError.None && reply is not null
                    && reply.Op == DhcpOpCode.BootReply && reply.TransactionId == xid)
                {
                    var from = (IPEndPoint)received.RemoteEndPoint;
                    replies.Add(ProbeAnswer.From(architecture, reply, from));
                    run.Heard(replies[^1], reply, from);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait is over.
        }

        return replies;
    }

    /// <summary>A random unicast MAC with the locally administered bit set (02:...), so it belongs to no real NIC.</summary>
    private static byte[] RandomMac()
    {
        var mac = RandomNumberGenerator.GetBytes(6);
        mac[0] = (byte)((mac[0] & 0xfc) | 0x02);
        return mac;
    }
}
