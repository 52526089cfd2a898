using System.Buffers.Binary;
using System.Net;
using Microsoft.Data.Sqlite;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Leases;

/// <summary>
/// A lease store that cannot write (a genuine SQLITE_FULL: the database capped with <c>PRAGMA max_page_count</c>, and
/// every lease write made to need more pages): leases already on disk are still renewed, for no longer than is on disk.
/// </summary>
public sealed class LeaseStoreFullTests : IDisposable
{
    private const string Holder = "52:54:00:00:00:01";
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-full-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Database => Path.Combine(_dir, "leases.db");

    [Fact]
    public async Task A_full_disk_renews_a_stored_lease_for_the_time_it_has_left_gives_no_new_one_and_says_so_once()
    {
        using var store = new SqliteLeaseStore(Database);
        var f = new DhcpFixture(store);
        var address = await DoraAsync(f, Holder);
        var onDisk = Assert.Single(store.LoadAll()).Expires;
        f.Clock.Advance(TimeSpan.FromMinutes(20));

        Fill(store);
        var (renewed, renewal) = Handle(f, DhcpFixture.Renewing(Holder, address));
        await renewal.ReplyAfter;

        // The ACK promises what the disk has: 40 of the hour left, T1 and T2 scaled; the stored expiry is unchanged.
        Assert.Equal(DhcpMessageType.Ack, renewed!.MessageType);
        Assert.Equal(((uint)2400, (uint)1200, (uint)2100), LeaseTimes(renewed));
        Assert.Equal(onDisk, Assert.Single(store.LoadAll()).Expires);
        Assert.Contains($"until {onDisk:HH:mm:ss}, not extended", renewal.PendingReply!.Value.Detail, StringComparison.Ordinal);
        var failed = Assert.Single(f.Journal.Events, e => e.Step == BootStep.LeaseStoreFailed);
        Assert.Equal(LeaseStoreFailure.DiskFull, failed.LeaseStore);

        // A new client's lease cannot be stored: no ACK (the listener drops it).
        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02"))!;
        var (_, fresh) = Handle(f, DhcpFixture.Selecting("52:54:00:00:00:02", offer.YourAddress));
        await Assert.ThrowsAsync<SqliteException>(() => fresh.ReplyAfter);

        // Ten minutes on, the holder renews again: 30 minutes left, and the outage is not said twice.
        f.Clock.Advance(TimeSpan.FromMinutes(10));
        var (again, second) = Handle(f, DhcpFixture.Renewing(Holder, address));
        await second.ReplyAfter;
        Assert.Equal((uint)1800, LeaseTimes(again!).Lease);
        Assert.Single(f.Journal.Events, e => e.Step == BootStep.LeaseStoreFailed);

        // Space again: the next renewal is stored and ACKed for the whole lease time, and the recovery journaled.
        Sql("DROP TRIGGER grow;");
        var (whole, third) = Handle(f, DhcpFixture.Renewing(Holder, address));
        await third.ReplyAfter;
        Assert.Equal((uint)3600, LeaseTimes(whole!).Lease);
        Assert.Equal(f.Clock.GetUtcNow() + f.Scope.LeaseTime, Assert.Single(store.LoadAll(), l => l.Mac == Holder).Expires);
        Assert.Single(f.Journal.Events, e => e.Step == BootStep.LeaseStoreRecovered);
    }

    [Fact]
    public async Task A_stored_lease_that_has_ended_is_not_renewed_while_the_disk_is_full()
    {
        using var store = new SqliteLeaseStore(Database);
        var f = new DhcpFixture(store);
        var address = await DoraAsync(f, Holder);
        f.Clock.Advance(f.Scope.LeaseTime + TimeSpan.FromSeconds(1));

        Fill(store);
        var (_, renewal) = Handle(f, DhcpFixture.Renewing(Holder, address));

        await Assert.ThrowsAsync<SqliteException>(() => renewal.ReplyAfter);
    }

    /// <summary>Makes every lease write need 100 kB more than the database may grow: SQLite answers SQLITE_FULL.</summary>
    private void Fill(SqliteLeaseStore store)
    {
        Sql("""
            CREATE TABLE ballast (b BLOB);
            CREATE TRIGGER grow AFTER INSERT ON leases BEGIN INSERT INTO ballast VALUES (zeroblob(100000)); END;
            """);

        // max_page_count cannot go below the database's size: 1 caps it where it is.
        store.LimitPages(1);
    }

    private static async Task<IPAddress> DoraAsync(DhcpFixture f, string mac)
    {
        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, mac))!;
        var (ack, context) = Handle(f, DhcpFixture.Selecting(mac, offer.YourAddress));
        await context.ReplyAfter;
        return ack!.YourAddress;
    }

    private static (DhcpMessage? Reply, DhcpRequestContext Context) Handle(DhcpFixture f, DhcpMessage request)
    {
        var context = new DhcpRequestContext(request, "lab0", new IPEndPoint(IPAddress.Any, 68));
        return (f.Handler.Handle(context), context);
    }

    private static (uint Lease, uint T1, uint T2) LeaseTimes(DhcpMessage reply) => (
        BinaryPrimitives.ReadUInt32BigEndian(reply.GetOption(DhcpOptionCode.LeaseTime)),
        BinaryPrimitives.ReadUInt32BigEndian(reply.GetOption(DhcpOptionCode.RenewalTime)),
        BinaryPrimitives.ReadUInt32BigEndian(reply.GetOption(DhcpOptionCode.RebindingTime)));

    private void Sql(string sql) => SqliteFile.Execute(Database, sql);
}
