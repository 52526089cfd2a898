using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>A full DHCP handler on 10.47.0.0/24 with a small pool, a manual clock (or the test's) and a recording journal.</summary>
internal sealed class DhcpFixture
{
    public static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");

    public DhcpFixture(ILeaseStore? store = null, IReadOnlyList<DhcpReservation>? reservations = null, int poolSize = 10, bool authoritative = false, TimeProvider? time = null, IAddressProbe? probe = null, bool relayed = false, IReadOnlyList<BootProfile>? profiles = null, PeerServers? peers = null)
    {
        Time = time ?? Clock;
        Store = store ?? new InMemoryLeaseStore();
        Scope = new DhcpScope
        {
            Interface = "lab0",
            ServerAddress = Server,
            SubnetMask = IPAddress.Parse("255.255.255.0"),
            RangeStart = IPAddress.Parse("10.47.0.100"),
            RangeEnd = IPAddress.Parse($"10.47.0.{99 + poolSize}"),
            Reservations = reservations ?? [],
            Authoritative = authoritative,
            RelayedNetwork = relayed ? IPAddress.Parse("10.47.0.0") : null,
        };
        Pool = new LeasePool(Store, Time);
        Scopes = new DhcpScopes([Scope]);
        Handler = new FullDhcpHandler(
            Scopes, Pool, new ProfileBootPolicy(profiles ?? [new BootProfile { Name = "default", Program = "pxelinux.0" }], new IpxeBinaries(), 80, new InMemoryBootOnceStore()), Journal,
            NullLogger<FullDhcpHandler>.Instance, Time, probe is null ? null : new OfferProbes(probe, Time), peers);
    }

    public ManualClock Clock { get; } = new();

    /// <summary>The clock the pool and handler read: <see cref="Clock"/> unless the test gave another.</summary>
    public TimeProvider Time { get; }

    public RecordingJournal Journal { get; } = new();

    public ILeaseStore Store { get; }

    public DhcpScope Scope { get; }

    public LeasePool Pool { get; }

    /// <summary>The scopes the handler reads: a test replaces them as a reload does.</summary>
    public DhcpScopes Scopes { get; }

    public FullDhcpHandler Handler { get; }

    /// <summary>Hands the request to the handler; a reply's event is journaled as the listener does once it has left.</summary>
    public DhcpMessage? Send(DhcpMessage request) => Send(request, out _);

    /// <summary>As <see cref="Send(DhcpMessage)"/>, with the request's context (whose <see cref="DhcpRequestContext.ReplyAfter"/> says when the reply may leave).</summary>
    public DhcpMessage? Send(DhcpMessage request, out DhcpRequestContext context)
    {
        context = new DhcpRequestContext(request, "lab0", new IPEndPoint(IPAddress.Any, 68));
        var reply = Handler.Handle(context);
        if (reply is not null && context.PendingReply is { } sent)
        {
            Journal.Record(sent.Sent(Time.GetUtcNow()));
        }

        return reply;
    }

    public static DhcpMessage Request(DhcpMessageType type, string mac, uint xid = 1, bool pxe = false)
    {
        MacAddress.TryParse(mac, out var chaddr);
        var m = new DhcpMessage { TransactionId = xid, ClientHardwareAddress = chaddr, Flags = DhcpConstants.BroadcastFlag };
        m.MessageType = type;
        if (pxe)
        {
            m.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00000:UNDI:002001");
            m.SetOption(DhcpOptionCode.ClientSystemArchitecture, [0, 0]);
        }

        return m;
    }

    /// <summary>SELECTING: option 50 and option 54 naming this server (RFC 2131 section 4.3.2).</summary>
    public static DhcpMessage Selecting(string mac, IPAddress address)
    {
        var request = Request(DhcpMessageType.Request, mac);
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, address);
        request.SetAddress(DhcpOptionCode.ServerIdentifier, Server);
        return request;
    }

    /// <summary>RENEWING: ciaddr set, no option 50 or 54 (RFC 2131 section 4.3.2).</summary>
    public static DhcpMessage Renewing(string mac, IPAddress address)
    {
        var renew = Request(DhcpMessageType.Request, mac);
        renew.Flags = 0;
        renew.ClientAddress = address;
        return renew;
    }

    /// <summary>DISCOVER, OFFER, REQUEST, ACK: the address the client ends up with.</summary>
    public IPAddress Dora(string mac)
    {
        var offer = Send(Request(DhcpMessageType.Discover, mac)) ?? throw new InvalidOperationException("no offer");
        var ack = Send(Selecting(mac, offer.YourAddress)) ?? throw new InvalidOperationException("no ack");
        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        return ack.YourAddress;
    }
}
