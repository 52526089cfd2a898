using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Benchmarks;

/// <summary>
/// A captured DISCOVER in, an OFFER's bytes out, through the same steps as the server's DHCP listener
/// (decode, checks, the full DHCP handler with its lease pool and boot policy, encode), without sockets.
/// </summary>
[MemoryDiagnoser]
public class DhcpReplyPathBenchmarks
{
    private static readonly IPEndPoint Client = new(IPAddress.Any, DhcpConstants.ClientPort);
    private readonly byte[] _reply = new byte[DhcpConstants.MaximumMessageLength];
    private byte[] _discover = [];
    private FullDhcpHandler _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _discover = CapturedPackets.UdpPayloads("qemu-bios-ipxe-dhcp.pcap")[0];
        var scope = new DhcpScope
        {
            Interface = "pxb0",
            ServerAddress = IPAddress.Parse("10.47.0.1"),
            SubnetMask = IPAddress.Parse("255.255.255.0"),
            RangeStart = IPAddress.Parse("10.47.0.100"),
            RangeEnd = IPAddress.Parse("10.47.0.200"),
        };
        var policy = new ProfileBootPolicy([new BootProfile { Name = "default", Program = "pxelinux.0" }], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        _handler = new FullDhcpHandler(
            new DhcpScopes([scope]),
            new LeasePool(new InMemoryLeaseStore(), TimeProvider.System),
            policy,
            new BootJournal(),
            NullLogger<FullDhcpHandler>.Instance,
            TimeProvider.System);
    }

    [Benchmark]
    public int DiscoverToOffer()
    {
        if (DhcpMessage.TryParse(_discover, out var request) != DhcpParseError.None || request is null)
        {
            return 0;
        }

        var reply = _handler.Handle(new DhcpRequestContext(request, "pxb0", Client));
        return reply?.WriteTo(_reply) ?? 0;
    }
}
