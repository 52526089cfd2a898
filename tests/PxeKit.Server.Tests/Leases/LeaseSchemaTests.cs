using System.Net;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>The lease database's schema versions: a version 1 file is upgraded in place and loses nothing; a newer one is refused.</summary>
public sealed class LeaseSchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Database => Path.Combine(_dir, "leases.db");

    [Fact]
    public void A_version_1_file_is_upgraded_in_place_and_keeps_every_row_keyed_by_its_mac()
    {
        // The table as version 1 wrote it, with two leases and a row no server can read.
        Sql("""
            CREATE TABLE leases (mac TEXT PRIMARY KEY, address TEXT NOT NULL UNIQUE, expires INTEGER NOT NULL, hostname TEXT);
            INSERT INTO leases VALUES ('52:54:00:00:00:01', '10.0.0.10', 1800000000, 'a'), ('52:54:00:00:00:02', '10.0.0.11', 1800000060, NULL),
                                      ('52:54:00:00:00:03', 'not an address', 1800000000, NULL);
            PRAGMA user_version=1;
            """);
        // The audit reads a version 1 file as it is, read-only.
        Assert.Throws<InvalidDataException>(() => LeaseAudit.LoadStore(Database));

        using (var store = new SqliteLeaseStore(Database))
        {
            Assert.Equal(
                [
                    new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), DateTimeOffset.FromUnixTimeSeconds(1800000000), "a"),
                    new Lease("52:54:00:00:00:02", IPAddress.Parse("10.0.0.11"), DateTimeOffset.FromUnixTimeSeconds(1800000060)),
                ],
                store.LoadAll());
            Assert.Equal(1, store.SkippedRows);
        }

        Assert.Equal(2L, Scalar("PRAGMA user_version"));
        Assert.Equal(3L, Scalar("SELECT count(*) FROM leases"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM leases WHERE client_id IS NOT NULL"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'leases_v1'"));
    }

    [Fact]
    public async Task A_lease_keyed_by_identifier_and_one_keyed_by_the_same_mac_are_two_rows_and_survive_reopening()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1800000000);
        var byId = new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), expires) { Client = ClientKey.ForIdentifier("01:52:54:00:00:00:01") };
        var byMac = new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.11"), expires);
        using (var store = new SqliteLeaseStore(Database))
        {
            await store.SaveAsync(byId);
            await store.SaveAsync(byMac);
            await store.SaveAsync(byId with { Expires = expires.AddHours(1) });
        }

        using var reopened = new SqliteLeaseStore(Database);
        Assert.Equal([byId with { Expires = expires.AddHours(1) }, byMac], reopened.LoadAll());

        await reopened.DeleteAsync(byMac.Client);
        Assert.Equal([byId.Client], reopened.LoadAll().Select(l => l.Client));
    }

    [Fact]
    public void A_newer_version_is_refused_in_one_sentence_and_the_file_is_left_as_it_is()
    {
        Sql("CREATE TABLE leases (anything); PRAGMA user_version=3;");
        var before = File.ReadAllBytes(Database);

        var refused = Assert.Throws<LeaseDatabaseVersionException>(() => new SqliteLeaseStore(Database));

        Assert.Equal(
            $"the lease database {Database} has schema version 3, newer than the 2 this pxekit knows: it was written by a newer pxekit, so run that one, or give this one another --lease-db",
            refused.Message);
        Assert.Throws<LeaseDatabaseVersionException>(() => LeaseAudit.LoadStore(Database));
        Assert.Equal(before, File.ReadAllBytes(Database));
    }

    private void Sql(string sql) => SqliteFile.Execute(Database, sql);

    private long Scalar(string sql) => SqliteFile.Scalar(Database, sql);
}
