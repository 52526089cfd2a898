using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>The lease database as a server opens it: one server per file, damage named, unreadable rows left out and counted.</summary>
public sealed class LeaseDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-lock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Database => Path.Combine(_dir, "leases.db");

    [Fact]
    public void A_second_server_on_the_same_database_is_refused_in_one_sentence_naming_the_first()
    {
        using var first = LeaseDatabaseLock.Take(Database);

        var refused = Assert.Throws<LeaseDatabaseInUseException>(() => LeaseDatabaseLock.Take(Database));

        Assert.Equal(Environment.ProcessId, refused.Holder);
        Assert.Equal(
            $"the lease database {Database} is in use by another pxekit serve (PID {Environment.ProcessId}): two servers on one lease file would hand out the same addresses; "
                + "stop the other one, or give this one its own --lease-db",
            refused.Message);
    }

    [Fact]
    public void The_lock_is_free_again_once_its_holder_let_it_go()
    {
        LeaseDatabaseLock.Take(Database).Dispose();

        using var again = LeaseDatabaseLock.Take(Database);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_named_with_the_way_to_recover()
    {
        File.WriteAllBytes(Database, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var damaged = Assert.Throws<LeaseDatabaseDamagedException>(() => new SqliteLeaseStore(Database));

        Assert.StartsWith($"the lease database {Database} is damaged (it is not an SQLite database): move it aside (mv {Database} {Database}.damaged)", damaged.Message, StringComparison.Ordinal);
        Assert.Equal(4096, new FileInfo(Database).Length);
    }

    [Fact]
    public async Task Rows_that_cannot_be_read_are_left_out_and_counted_and_the_audit_refuses_to_vouch()
    {
        using (var store = new SqliteLeaseStore(Database))
        {
            await store.SaveAsync(new Lease("52:54:00:00:00:01", System.Net.IPAddress.Parse("10.0.0.10"), DateTimeOffset.UnixEpoch.AddDays(20_000), null));
        }

        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            raw.Open();
            using var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO leases (mac, address, expires) VALUES ('52:54:00:00:00:02', 'not an address', 1), ('52:54:00:00:00:03', '10.0.0.11', 'soon')";
            insert.ExecuteNonQuery();
        }

        using var reopened = new SqliteLeaseStore(Database);
        var leases = reopened.LoadAll();

        Assert.Equal(["52:54:00:00:00:01"], leases.Select(l => l.Mac));
        Assert.Equal(2, reopened.SkippedRows);
        Assert.Contains("has 2 rows that cannot be read", Assert.Throws<InvalidDataException>(() => LeaseAudit.LoadStore(Database)).Message, StringComparison.Ordinal);
    }
}
