using PxeKit.Server.Boot;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Boot;

public sealed class SqliteBootOnceStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pxekit-once-").FullName;

    [Fact]
    public void A_used_profile_stays_used_after_a_restart_and_shares_the_lease_database()
    {
        var path = Path.Combine(_directory, "leases.db");
        using (var leases = new SqliteLeaseStore(path))
        using (var once = new SqliteBootOnceStore(path))
        {
            Assert.False(once.IsUsed("52:54:00:00:00:01", "install"));
            once.MarkUsed("52:54:00:00:00:01", "install");
            once.MarkUsed("52:54:00:00:00:01", "install");
        }

        using var reopened = new SqliteBootOnceStore(path);
        Assert.True(reopened.IsUsed("52:54:00:00:00:01", "install"));
        Assert.False(reopened.IsUsed("52:54:00:00:00:02", "install"));
        Assert.False(reopened.IsUsed("52:54:00:00:00:01", "other"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
