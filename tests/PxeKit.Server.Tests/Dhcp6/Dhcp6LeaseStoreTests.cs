using System.Net;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp6;

/// <summary>DHCPv6 bindings live in the same SQLite lease store, unchanged: the address is text, the key the DUID and IAID.</summary>
public sealed class Dhcp6LeaseStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pxekit-dhcp6-leases-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_ipv6_lease_keyed_by_duid_and_iaid_survives_a_reopen_beside_an_ipv4_one()
    {
        var path = Path.Combine(_directory, "leases.db");
        var key = Dhcp6Bindings.KeyOf(Dhcp6Duid.LinkLayer([0x52, 0x54, 0, 0x12, 0x34, 0x56]), 42);
        var expires = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        using (var store = new SqliteLeaseStore(path))
        {
            await store.SaveAsync(new Lease("52:54:00:12:34:56", IPAddress.Parse("fd00:47:9::100"), expires) { Client = key });
            await store.SaveAsync(new Lease("52:54:00:12:34:56", IPAddress.Parse("10.47.9.100"), expires));
        }

        using var reopened = new SqliteLeaseStore(path);
        var v6 = Assert.Single(reopened.LoadAll(), l => l.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        Assert.Equal(IPAddress.Parse("fd00:47:9::100"), v6.Address);
        Assert.Equal(key, v6.Client);
        Assert.Equal(expires, v6.Expires);
        Assert.Equal(2, reopened.LoadAll().Count);

        Assert.True(Dhcp6AddressRange.TryCreate(IPAddress.Parse("fd00:47:9::100"), IPAddress.Parse("fd00:47:9::1ff"), out var range, out _));
        var bindings = new Dhcp6Bindings(reopened, range, TimeSpan.FromHours(2), new FixedClock(expires.AddHours(-1)));
        Assert.Equal(IPAddress.Parse("fd00:47:9::100"), bindings.Find(key)?.Address);
        Assert.Single(bindings.Leases);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
