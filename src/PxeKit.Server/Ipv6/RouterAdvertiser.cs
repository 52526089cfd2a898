using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Server.Ipv6;

/// <summary>
/// The server's IPv6 router advertisements on one interface (<c>router-advertisements:</c>), never as a default router
/// (a router lifetime of zero, RFC 4861 section 6.2.5: PxeKit routes nothing).
/// <list type="bullet">
/// <item><see cref="RouterAdvertisementMode.Quiet"/>: each solicitation is answered, to the soliciting host alone
/// (section 6.2.6 allows a unicast answer), with an advertisement that configures nothing. iPXE ends its IPv6
/// configuration on the first advertisement; on a segment without a router it otherwise waits for its solicitations to
/// time out, about 13 s of every boot. When a router on the segment advertises itself, the hosts have their answer:
/// this one falls silent for as long as that router said it serves, and at least ten minutes.</item>
/// <item><see cref="RouterAdvertisementMode.Managed"/>: for DHCPv6 netboot on a segment without a router, the
/// advertisement carries the managed and other flags (addresses and boot options from DHCPv6) and the interface's
/// prefix as on-link, for no address of the hosts' own making; it answers solicitations and is also sent to all nodes
/// at start and every <see cref="UnsolicitedInterval"/>.</item>
/// </list>
/// </summary>
public sealed class RouterAdvertiser : IDisposable
{
    /// <summary>At most this many answers a second, in all: a rack powered on at once is served, a flood is not echoed.</summary>
    public const int AnswersPerSecond = 200;

    /// <summary>Between unsolicited advertisements in managed mode: RFC 4861's default MinRtrAdvInterval.</summary>
    public static readonly TimeSpan UnsolicitedInterval = TimeSpan.FromSeconds(200);

    /// <summary>How long an advertised prefix stays valid with no advertisement after it.</summary>
    private static readonly TimeSpan PrefixLifetime = TimeSpan.FromHours(1);

    private static readonly TimeSpan QuietAtLeast = TimeSpan.FromMinutes(10);
    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    private readonly Icmpv6Socket _socket;
    private readonly string _interface;
    private readonly RouterAdvertisementMode _mode;
    private readonly byte[] _advertisement;
    private readonly string _says;
    private readonly RouterFacts _facts;
    private readonly IBootJournal _journal;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;
    private bool _heardRouter;
    private long _windowStart;
    private int _answersInWindow;

    private RouterAdvertiser(Icmpv6Socket socket, string interfaceName, RouterAdvertisementMode mode, Ipv6Prefix? prefix, IBootJournal journal, ILogger logger, TimeProvider time)
    {
        _socket = socket;
        _interface = interfaceName;
        _mode = mode;
        _journal = journal;
        _logger = logger;
        _time = time;
        var buffer = new byte[RouterAdvertisementWriter.MaxLength];
        var length = mode == RouterAdvertisementMode.Managed
            ? RouterAdvertisementWriter.Write(buffer, RouterAdvertisementFlags.Managed | RouterAdvertisementFlags.OtherConfiguration, TimeSpan.Zero, socket.LinkLayerAddress, prefix, PrefixLifetime)
            : RouterAdvertisementWriter.Write(buffer, RouterAdvertisementFlags.None, TimeSpan.Zero, socket.LinkLayerAddress);
        _advertisement = buffer[..length];
        _says = mode == RouterAdvertisementMode.Managed
            ? $"an advertisement with the managed flag (addresses from DHCPv6){(prefix is { } p ? $" and {p} on-link" : "")}"
            : "an advertisement that configures nothing";
        _facts = mode == RouterAdvertisementMode.Managed
            ? new RouterFacts { Managed = true, OtherConfiguration = true, Prefixes = prefix is { } on ? [on.ToString()] : [] }
            : new RouterFacts();
    }

    /// <summary>
    /// Opens the advertiser on <paramref name="interfaceName"/>, or logs why it cannot (no CAP_NET_RAW, IPv6 off) and
    /// returns null. In managed mode the prefix advertised is that of the interface's first global or unique-local address.
    /// </summary>
    public static RouterAdvertiser? TryOpen(string interfaceName, RouterAdvertisementMode mode, IBootJournal journal, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (mode == RouterAdvertisementMode.Off)
        {
            return null;
        }

        try
        {
            var prefix = mode == RouterAdvertisementMode.Managed && InterfaceIpv6Address.Find(interfaceName) is { } own
                ? new Ipv6Prefix(own.Network, own.PrefixLength)
                : (Ipv6Prefix?)null;
            var advertiser = new RouterAdvertiser(Icmpv6Socket.Open(interfaceName), interfaceName, mode, prefix, journal, logger, time);
            logger.Advertising(interfaceName, advertiser._says);
            if (mode == RouterAdvertisementMode.Managed && prefix is null)
            {
                logger.NoPrefix(interfaceName);
            }

            return advertiser;
        }
        catch (SocketException e)
        {
            logger.Unavailable(interfaceName, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Reads solicitations and advertisements until <paramref name="cancellationToken"/>, and in managed mode advertises
    /// unsolicited meanwhile. A socket failure ends the advertisements, logged, but not the server: DHCP, TFTP and HTTP go on.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(AnswerUntilAsync(cancellationToken), AdvertiseUntilAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            _logger.Unavailable(_interface, e.Message);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task AdvertiseUntilAsync(CancellationToken cancellationToken)
    {
        if (_mode != RouterAdvertisementMode.Managed)
        {
            return;
        }

        var allNodes = new IPEndPoint(new IPAddress(AllNodes.GetAddressBytes(), _socket.InterfaceIndex), 0);
        using var every = new PeriodicTimer(UnsolicitedInterval, _time);
        try
        {
            do
            {
                await _socket.Socket.SendToAsync(_advertisement, SocketFlags.None, allNodes, cancellationToken).ConfigureAwait(false);
            }
            while (await every.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped with the server.
        }
    }

    private async Task AnswerUntilAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1500];
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
                await AnswerAsync(source, mac, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A router that advertises itself: in quiet mode the hosts have their answer, and this one falls silent. In managed
    /// mode it goes on (the operator asked for DHCPv6 here), and the router is journaled once: two sources of flags on
    /// one segment is worth knowing.
    /// </summary>
    private void HeardRouter(IPAddress router, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        var first = _mode == RouterAdvertisementMode.Quiet ? now >= _quietUntil : !_heardRouter;
        _heardRouter = true;
        if (_mode == RouterAdvertisementMode.Quiet)
        {
            _quietUntil = now + (lifetime > QuietAtLeast ? lifetime : QuietAtLeast);
        }

        if (first)
        {
            _logger.OtherRouter(_interface, router, _mode == RouterAdvertisementMode.Quiet ? $"stops answering router solicitations there until {_quietUntil:u}" : "goes on advertising the managed flag");
            _journal.Record(new BootEvent
            {
                Time = now,
                Step = BootStep.RouterHeard,
                Address = router.ToString(),
                Detail = _mode == RouterAdvertisementMode.Quiet
                    ? $"a router advertises itself on {_interface}: router solicitations are left to it"
                    : $"a router advertises itself on {_interface}, beside PxeKit's managed-flag advertisements",
            });
        }
    }

    private bool ShouldAnswer()
    {
        if (_mode == RouterAdvertisementMode.Quiet && _time.GetUtcNow() < _quietUntil)
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

    private async Task AnswerAsync(IPAddress source, string? mac, CancellationToken cancellationToken)
    {
        // A host without an address yet solicits from :: (section 6.2.6): then the answer is multicast to all nodes.
        var destination = source.Equals(IPAddress.IPv6Any)
            ? new IPEndPoint(new IPAddress(AllNodes.GetAddressBytes(), _socket.InterfaceIndex), 0)
            : new IPEndPoint(source, 0);
        try
        {
            await _socket.Socket.SendToAsync(_advertisement, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
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
            Router = _facts,
            Detail = $"answered its IPv6 router solicitation with {_says}",
        });
    }
}
