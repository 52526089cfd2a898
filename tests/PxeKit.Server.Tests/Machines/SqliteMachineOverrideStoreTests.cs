using Microsoft.Data.Sqlite;
using PxeKit.Server.Boot;
using PxeKit.Server.Leases;
using PxeKit.Server.Machines;

namespace PxeKit.Server.Tests.Machines;

public sealed class SqliteMachineOverrideStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pxekit-machines-").FullName;

    [Fact]
    public void Settings_survive_a_restart_beside_the_leases_and_boot_once_marks()
    {
        var path = Path.Combine(_directory, "leases.db");
        using (var leases = new SqliteLeaseStore(path))
        using (var once = new SqliteBootOnceStore(path))
        using (var machines = new SqliteMachineOverrideStore(path))
        {
            MachineOverrideStoreContract.Writes(machines);
            once.MarkUsed("52:54:00:00:00:01", "install");
        }

        using (var reopened = new SqliteMachineOverrideStore(path))
        {
            MachineOverrideStoreContract.Kept(reopened);
        }

        // The lease file, with the new table in it, is still one the lease store opens.
        using var again = new SqliteLeaseStore(path);
        Assert.Empty(again.LoadAll());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
