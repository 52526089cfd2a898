using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit serve --lease-db postgresql://...</c> (issue 17) against a PostgreSQL of the test's own, reached through its
/// Unix socket from the server's namespace: the lease is in the database and a restarted server gives the client its
/// address back; PostgreSQL restarted under a serving PxeKit withholds the ACKs of new leases while it is down, the
/// outage and the recovery are journaled, and serving resumes by itself. (Two servers on one database:
/// PxeKit.Reliability.Tests' SharedDatabaseFailoverTests.)
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServePostgresTests : IAsyncLifetime
{
    private const int PostgresSchema4 = 4;
    private const string NewMac = "52:54:00:17:00:02";
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
    public async Task Leases_are_kept_in_postgresql_and_found_again_after_a_restart()
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
            Assert.Equal(PostgresSchema4, await _postgres.ScalarAsync<int>(database, "SELECT max(version) FROM schema_version"));

            Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(10)));
        }

        // The address is the database's, not the process's: a new server gives it back to the same machine.
        await using var restarted = await ServeProcess.StartAsync(_net.ServerNamespace, arguments);
        var again = await _net.UdhcpcAsync(_root);
        Assert.True(again is not null, restarted.Output + restarted.Error);
        Assert.Equal(address, again.Ip);
        Assert.Equal(1L, await _postgres.ScalarAsync<long>(database, "SELECT count(*) FROM leases"));

        // pxekit leases reads the database too.
        var list = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "leases", "list", "--lease-db", url], TimeSpan.FromSeconds(60));
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains(address, list.Output, StringComparison.Ordinal);
        Assert.EndsWith("1 leases", list.Output.Trim(), StringComparison.Ordinal);
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser", "busybox"])]
    public async Task PostgreSQL_restarted_under_a_serving_pxekit_withholds_new_leases_journals_the_outage_and_serving_resumes()
    {
        var database = (await _postgres.NewDatabaseAsync()).Database;
        var url = $"postgresql://{PostgresInstance.User}@{Uri.EscapeDataString(_postgres.Directory)}:{_postgres.Port}/{database}";
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin", "--dhcp-range", "10.48.0.100-10.48.0.110", "--lease-db", url, "--http-port", "0");
        var first = await _net.UdhcpcAsync(_root);
        Assert.True(first is not null, serve.Output + serve.Error);

        await _postgres.StopAsync();

        // A machine the database has no lease for is not ACKed: nothing durable would back the lease.
        await _net.SetClientMacAsync(NewMac);
        var during = await _net.UdhcpcAsync(_root);
        Assert.True(during is null, $"ACKed {during?.Ip} with PostgreSQL down");
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.LeaseStoreFailed && e.LeaseStore == LeaseStoreFailure.WriteFailed));
        Assert.DoesNotContain(serve.Events, e => e.Step == BootStep.LeaseStoreRecovered);
        Assert.False(serve.HasExited, serve.Error);

        // PostgreSQL back: the next exchange finds a new connection by itself, and the recovery is journaled.
        await _postgres.StartAgainAsync();
        var after = await _net.UdhcpcAsync(_root);
        Assert.True(after is not null, serve.Output + serve.Error);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.LeaseStoreRecovered));
        Assert.Equal(after.Ip, await _postgres.ScalarAsync<string>(database, $"SELECT host(address) FROM leases WHERE mac = '{NewMac}'"));
    }
}
