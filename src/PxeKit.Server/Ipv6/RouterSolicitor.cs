using System.Net;
using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Server.Ipv6;

/// <summary>
/// Asks the routers of a segment to speak: one router solicitation to all routers (ff02::2) on the interface, through
/// the server's own <see cref="Icmpv6Socket"/>, then every advertisement heard until the wait is over, one per router.
/// What <c>pxekit doctor</c> uses to tell whether firmware on the segment will be told to use DHCPv6. Needs CAP_NET_RAW.
/// </summary>
public static class RouterSolicitor
{
    private static readonly IPAddress AllRouters = IPAddress.Parse("ff02::2");

    /// <summary>
    /// Solicits on <paramref name="interfaceName"/> and listens for <paramref name="wait"/>. Throws
    /// <see cref="SocketException"/> when the socket cannot be had (no CAP_NET_RAW, IPv6 off, no such interface).
    /// </summary>
    public static async Task<IReadOnlyList<HeardRouter>> SolicitAsync(string interfaceName, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var socket = Icmpv6Socket.Open(interfaceName);
        var solicitation = new byte[RouterSolicitationWriter.MaxLength];
        var length = socket.LinkLayerAddress.Length == 6
            ? RouterSolicitationWriter.Write(solicitation, socket.LinkLayerAddress)
            : 8; // no MAC to offer (a tunnel): the bare header, all zero but the type
        solicitation[0] = (byte)Icmpv6Type.RouterSolicitation;
        var allRouters = new IPEndPoint(new IPAddress(AllRouters.GetAddressBytes(), socket.InterfaceIndex), 0);
        await socket.Socket.SendToAsync(solicitation.AsMemory(0, length), SocketFlags.None, allRouters, cancellationToken).ConfigureAwait(false);

        var heard = new Dictionary<string, HeardRouter>(StringComparer.Ordinal);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        listening.CancelAfter(wait);
        var buffer = new byte[1500];
        EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.Socket.ReceiveFromAsync(buffer, SocketFlags.None, any, listening.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [.. heard.Values];
            }

            if (Read(buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint) is { } router)
            {
                heard.TryAdd(router.Address, router);
            }
        }
    }

    /// <summary>An advertisement as a <see cref="HeardRouter"/>; null for anything else (the filter also passes solicitations).</summary>
    private static HeardRouter? Read(ReadOnlySpan<byte> message, IPEndPoint source)
    {
        if (!RouterAdvertisementView.TryRead(message, out var advertisement))
        {
            return null;
        }

        var address = new IPAddress(source.Address.GetAddressBytes()).ToString(); // without the scope
        return new HeardRouter(address, RouterFacts.Of(advertisement));
    }
}
