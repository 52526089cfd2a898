using PxeKit.Server.Leases.Postgres;
using PxeKit.Server.Tests.Machines;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>The per-machine settings in a real PostgreSQL the test starts: the promises of the other stores, shared by two servers' stores.</summary>
public sealed class PostgresMachineOverrideStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task Settings_are_kept_in_the_database_and_read_by_another_server()
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync();
        using (var leases = new PostgresLeaseStore(location))
        using (var machines = new PostgresMachineOverrideStore(location))
        {
            MachineOverrideStoreContract.Writes(machines);
        }

        using var other = new PostgresMachineOverrideStore(location);
        MachineOverrideStoreContract.Kept(other);
        Assert.Equal(2L, await instance.ScalarAsync<long>(location.Database, "SELECT count(*) FROM machine_overrides"));
    }
}
