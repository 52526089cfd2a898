using System.Net;
using BenchmarkDotNet.Attributes;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Benchmarks;

/// <summary>
/// Choosing an address for a client the pool has not seen, with <see cref="Leased"/> addresses at the
/// start of the range already leased to others: the cost of a DISCOVER during a boot storm.
/// </summary>
[MemoryDiagnoser]
public class LeaseAllocationBenchmarks
{
    private DhcpScope _scope = null!;
    private LeasePool _pool = null!;

    [Params(0, 500, 5000)]
    public int Leased { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scope = new DhcpScope
        {
            Interface = "pxb0",
            ServerAddress = IPAddress.Parse("10.48.0.1"),
            SubnetMask = IPAddress.Parse("255.255.0.0"),
            RangeStart = IPAddress.Parse("10.48.1.0"),
            RangeEnd = IPAddress.Parse("10.48.254.255"),
        };
        _pool = new LeasePool(new InMemoryLeaseStore(), TimeProvider.System);
        for (var i = 0; i < Leased; i++)
        {
            var mac = Mac(i);
            var address = _pool.Offer(_scope, mac, null) ?? throw new InvalidOperationException("the pool ran out");
            _pool.Commit(_scope, mac, address, null);
        }
    }

    /// <summary>The same new client asks again and again; its held offer is found after the leased ones.</summary>
    [Benchmark]
    public IPAddress? OfferToNewClient() => _pool.Offer(_scope, "02:00:ff:ff:ff:ff", null);

    /// <summary>A client that holds a lease asks again.</summary>
    [Benchmark]
    public IPAddress? OfferToKnownClient() => _pool.Offer(_scope, Leased > 0 ? Mac(0) : "02:00:ff:ff:ff:ff", null);

    private static string Mac(int i) => $"02:00:00:{(i >> 16) & 0xff:x2}:{(i >> 8) & 0xff:x2}:{i & 0xff:x2}";
}
