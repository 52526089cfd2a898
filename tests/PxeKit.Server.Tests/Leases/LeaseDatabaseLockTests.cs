using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

public sealed class LeaseDatabaseLockTests : IDisposable
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
}
