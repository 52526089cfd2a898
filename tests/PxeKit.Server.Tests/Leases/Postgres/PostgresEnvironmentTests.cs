using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>
/// The standard PostgreSQL environment (PGPASSFILE, PGPASSWORD) as the store reads it. Setting it changes every connection
/// in the process, other test classes' to their own servers included, so these run alone (<see cref="PostgresEnvironmentCollection"/>).
/// </summary>
[Collection(PostgresEnvironmentCollection.Name)]
public sealed class PostgresEnvironmentTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [HostTheory(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    [InlineData("PGPASSFILE")]
    [InlineData("PGPASSWORD")]
    public async Task With_no_passfile_in_the_url_the_password_comes_from_the_standard_environment(string variable)
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync() with { PassFile = null };
        Assert.Throws<LeaseDatabaseUnreachableException>(() => new PostgresLeaseStore(location));

        // The process's environment: read by every PostgreSQL connection, so this runs with no other test (its collection).
        Environment.SetEnvironmentVariable(variable, variable == "PGPASSFILE" ? instance.PassFile : instance.Password);
        try
        {
            using var store = new PostgresLeaseStore(location);
            Assert.Empty(store.LoadAll());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
