using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit serve --lease-db postgresql://...</c> (issue 17) against a PostgreSQL of the test's own, reached through its
/// Unix socket from the server's namespace: the lease is in the database, a second server on it is refused, and a
/// restarted server gives the client its address back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServePostgresTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-serve-pg-").FullName;
    private VethNetwork _net = null!;
    private PostgresInstance _postgres = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        _net = await VethNetwork.CreateAsync();
        _postgres = await PostgresInstance.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser", "busybox"])]
    public async Task Leases_are_kept_in_postgresql_one_server_per_database_and_found_again_after_a_restart()
    {
        var database = (await _postgres.NewDatabaseAsync()).Database;
        var url = $"postgresql://{PostgresInstance.User}@{Uri.EscapeDataString(_postgres.Directory)}:{_postgres.Port}/{database}";
        string[] arguments = ["--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin", "--dhcp-range", "10.48.0.100-10.48.0.110", "--lease-db", url, "--http-port", "0"];

        string address;
        await using (var serve = await ServeProcess.StartAsync(_net.ServerNamespace, arguments))
        {
            var lease = await _net.UdhcpcAsync(_root);
            Assert.True(lease is not null, serve.Output + serve.Error);
            address = lease.Ip;
            Assert.Equal(address, await _postgres.ScalarAsync<string>(database, "SELECT host(address) FROM leases"));

            var second = await Assert.ThrowsAsync<InvalidOperationException>(() => ServeProcess.StartAsync(_net.ServerNamespace, arguments));
            Assert.Contains("in use by another pxekit serve", second.Message, StringComparison.Ordinal);

            Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(10)));
        }

        // The address is the database's, not the process's: a new server gives it back to the same machine.
        await using var restarted = await ServeProcess.StartAsync(_net.ServerNamespace, arguments);
        var again = await _net.UdhcpcAsync(_root);
        Assert.True(again is not null, restarted.Output + restarted.Error);
        Assert.Equal(address, again.Ip);
        Assert.Equal(1L, await _postgres.ScalarAsync<long>(database, "SELECT count(*) FROM leases"));
    }
}
