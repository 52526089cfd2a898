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
        _handler = Handler(new BootJournal(), "255.255.255.0", "10.47.0.100", "10.47.0.200");
    }

    /// <summary>The full DHCP handler of one scope on pxb0 (server 10.47.0.1), a default profile and leases in memory.</summary>
    internal static FullDhcpHandler Handler(IBootJournal journal, string mask, string first, string last)
    {
        var scope = new DhcpScope
        {
            Interface = "pxb0",
            ServerAddress = IPAddress.Parse("10.47.0.1"),
            SubnetMask = IPAddress.Parse(mask),
            RangeStart = IPAddress.Parse(first),
            RangeEnd = IPAddress.Parse(last),
        };
        var policy = new ProfileBootPolicy([new BootProfile { Name = "default", Program = "pxelinux.0" }], new IpxeBinaries(), 80, new InMemoryBootOnceStore());
        return new FullDhcpHandler(
            new DhcpScopes([scope]),
            new LeasePool(new InMemoryLeaseStore(), TimeProvider.System),
            policy,
            journal,
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
