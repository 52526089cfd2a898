using System.Net;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp;

public sealed class SqliteLeaseStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pxekit-leases-").FullName;

    private string DbPath => Path.Combine(_directory, "leases.db");

    [Fact]
    public async Task Leases_survive_reopening_the_file()
    {
        var expires = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        using (var store = new SqliteLeaseStore(DbPath))
        {
            await store.SaveAsync(new Lease("52:54:00:00:00:01", IPAddress.Parse("10.47.0.100"), expires, "a"));
            await store.SaveAsync(new Lease("52:54:00:00:00:02", IPAddress.Parse("10.47.0.101"), expires));
            await store.DeleteAsync(ClientKey.ForMac("52:54:00:00:00:02"));
        }

        using var reopened = new SqliteLeaseStore(DbPath);
        var lease = Assert.Single(reopened.LoadAll());
        Assert.Equal(new Lease("52:54:00:00:00:01", IPAddress.Parse("10.47.0.100"), expires, "a"), lease);
    }

    [Fact]
    public async Task Saving_an_address_takes_it_from_its_previous_holder()
    {
        using var store = new SqliteLeaseStore(DbPath);
        var address = IPAddress.Parse("10.47.0.100");
        await store.SaveAsync(new Lease("52:54:00:00:00:01", address, DateTimeOffset.UnixEpoch));
        await store.SaveAsync(new Lease("52:54:00:00:00:02", address, DateTimeOffset.UnixEpoch.AddDays(1)));
        Assert.Equal("52:54:00:00:00:02", Assert.Single(store.LoadAll()).Mac);
    }

    [Fact]
    public void A_handler_restarted_on_the_same_file_gives_each_client_its_address_back()
    {
        IPAddress first;
        using (var store = new SqliteLeaseStore(DbPath))
        {
            var f = new DhcpFixture(store);
            f.Dora("52:54:00:00:00:01");
            first = f.Dora("52:54:00:00:00:02");
        }

        using var reopened = new SqliteLeaseStore(DbPath);
        var again = new DhcpFixture(reopened);
        var offer = again.Send(DhcpFixture.Request(Protocol.Dhcp.DhcpMessageType.Discover, "52:54:00:00:00:02"))!;
        Assert.Equal(first, offer.YourAddress);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
