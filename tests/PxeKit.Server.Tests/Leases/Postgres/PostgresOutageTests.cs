using System.Diagnostics;
using System.Net;
using PxeKit.Server.Leases;
using PxeKit.Server.Leases.Postgres;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>The database stopped under a running store: writes fault within a bound instead of hanging, and the stores come back by themselves once it is up.</summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    /// <summary>A bound on one failing write: a connect timeout for the lost connection's retry, a command timeout, and slack.</summary>
    private static readonly TimeSpan FaultBound = TimeSpan.FromSeconds(PostgresLocation.ConnectTimeoutSeconds + PostgresLocation.CommandTimeoutSeconds + 5);

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_database_stopped_mid_run_faults_the_writes_and_once_restarted_the_stores_reconnect()
    {
        await using var instance = await PostgresInstance.StartAsync();
        var location = await instance.NewDatabaseAsync();
        using var store = new PostgresLeaseStore(location);
        using var once = new PostgresBootOnceStore(location);
        var before = new Lease("52:54:00:00:00:01", IPAddress.Parse("10.0.0.10"), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        await store.SaveAsync(before);
        once.MarkUsed("52:54:00:00:00:01", "install");

        await instance.StopAsync();
        var clock = Stopwatch.StartNew();
        var during = before with { Mac = "52:54:00:00:00:02", Client = ClientKey.ForMac("52:54:00:00:00:02"), Address = IPAddress.Parse("10.0.0.11") };
        var write = store.SaveAsync(during);
        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => write.WaitAsync(FaultBound));
        output.WriteLine($"a write with the database down faulted after {clock.ElapsedMilliseconds} ms");
        Assert.Throws<Npgsql.NpgsqlException>(() => once.IsUsed("52:54:00:00:00:01", "install"));

        await instance.StartAgainAsync();

        // The pooled connections died with the server: the next write and the next question find new ones.
        var after = during with { Address = IPAddress.Parse("10.0.0.12") };
        await store.SaveAsync(after).WaitAsync(FaultBound);
        Assert.Equal([before, after], store.LoadAll());
        Assert.True(once.IsUsed("52:54:00:00:00:01", "install"));

        // Restarted between two writes, nothing asked meanwhile: the pooled connections are stale, and the next
        // write and question still succeed, on the first try.
        await instance.StopAsync();
        await instance.StartAgainAsync();
        var again = after with { Address = IPAddress.Parse("10.0.0.13") };
        await store.SaveAsync(again).WaitAsync(FaultBound);
        Assert.Equal([before, again], store.LoadAll());
        Assert.True(once.IsUsed("52:54:00:00:00:01", "install"));
        once.MarkUsed("52:54:00:00:00:02", "install");
    }
}
