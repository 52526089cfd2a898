using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Server.Ipv6;

/// <summary>
/// Answers IPv6 router solicitations on one interface with a router advertisement that configures nothing: no flags,
/// no prefix, a router lifetime of zero (RFC 4861 section 6.2.5: "not a default router"). iPXE ends its IPv6
/// configuration on the first advertisement it gets; on a segment without a router it otherwise sends solicitations
/// until they time out, about 13 s of every boot. The answer goes to the soliciting host alone (section 6.2.6 allows a
/// unicast answer), so hosts that did not ask see nothing. When a router on the segment advertises itself, the hosts
/// have their answer: this one falls silent for as long as that router said it serves, and at least ten minutes.
/// </summary>
public sealed class RouterSolicitationResponder : IDisposable
{
    /// <summary>At most this many answers a second, in all: a rack powered on at once is served, a flood is not echoed.</summary>
    public const int AnswersPerSecond = 200;

    private static readonly TimeSpan QuietAtLeast = TimeSpan.FromMinutes(10);
    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    private readonly Icmpv6Socket _socket;
    private readonly string _interface;
    private readonly IBootJournal _journal;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;
    private long _windowStart;
    private int _answersInWindow;

    private RouterSolicitationResponder(Icmpv6Socket socket, string interfaceName, IBootJournal journal, ILogger logger, TimeProvider time)
    {
        _socket = socket;
        _interface = interfaceName;
        _journal = journal;
        _logger = logger;
        _time = time;
    }

    /// <summary>Opens the responder on <paramref name="interfaceName"/>, or logs why it cannot (no CAP_NET_RAW, IPv6 off) and returns null.</summary>
    public static RouterSolicitationResponder? TryOpen(string interfaceName, IBootJournal journal, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            var responder = new RouterSolicitationResponder(Icmpv6Socket.Open(interfaceName), interfaceName, journal, logger, time);
            logger.Answering(interfaceName);
            return responder;
        }
        catch (SocketException e)
        {
            logger.Unavailable(interfaceName, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Reads solicitations and advertisements until <paramref name="cancellationToken"/>. A socket failure ends the
    /// answers, logged, but not the server: DHCP, TFTP and HTTP go on, and iPXE waits for IPv6 as it would without them.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AnswerUntilAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            _logger.Unavailable(_interface, e.Message);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task AnswerUntilAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1500];
        var answer = new byte[RouterAdvertisementWriter.MaxLength];
        var length = RouterAdvertisementWriter.Write(answer, RouterAdvertisementFlags.None, TimeSpan.Zero, _socket.LinkLayerAddress);
        EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.Socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var source = ((IPEndPoint)received.RemoteEndPoint).Address;
            var message = buffer.AsSpan(0, received.ReceivedBytes);
            if (RouterAdvertisementView.TryRead(message, out var advertised) && (advertised.RouterLifetime > TimeSpan.Zero || advertised.Flags != RouterAdvertisementFlags.None))
            {
                HeardRouter(source, advertised.RouterLifetime);
            }
            else if (RouterSolicitationView.TryRead(message, out var solicitation) && ShouldAnswer())
            {
                var mac = solicitation.SourceLinkLayerAddress.Length == 6 ? MacAddress.Format(solicitation.SourceLinkLayerAddress) : null;
                await AnswerAsync(source, mac, answer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void HeardRouter(IPAddress router, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        var wasAnswering = now >= _quietUntil;
        _quietUntil = now + (lifetime > QuietAtLeast ? lifetime : QuietAtLeast);
        if (wasAnswering)
        {
            _logger.OtherRouter(_interface, router, _quietUntil);
            _journal.Record(new BootEvent
            {
                Time = now,
                Step = BootStep.RouterHeard,
                Address = router.ToString(),
                Detail = $"a router advertises itself on {_interface}: router solicitations are left to it",
            });
        }
    }

    private bool ShouldAnswer()
    {
        if (_time.GetUtcNow() < _quietUntil)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            _windowStart = now;
            _answersInWindow = 0;
        }

        return ++_answersInWindow <= AnswersPerSecond;
    }

    private async Task AnswerAsync(IPAddress source, string? mac, ReadOnlyMemory<byte> answer, CancellationToken cancellationToken)
    {
        // A host without an address yet solicits from :: (section 6.2.6): then the answer is multicast to all nodes.
        var destination = source.Equals(IPAddress.IPv6Any)
            ? new IPEndPoint(new IPAddress(AllNodes.GetAddressBytes(), _socket.InterfaceIndex), 0)
            : new IPEndPoint(source, 0);
        try
        {
            await _socket.Socket.SendToAsync(answer, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            _logger.SendFailed(source, _interface, e.Message);
            return;
        }

        _logger.Answered(source, _interface);
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.RouterSolicitationAnswered,
            Mac = mac,
            Address = source.ToString(),
            Detail = "answered its IPv6 router solicitation with an advertisement that configures nothing",
        });
    }
}
