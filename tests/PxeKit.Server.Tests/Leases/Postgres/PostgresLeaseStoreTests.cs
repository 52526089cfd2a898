using System.Diagnostics;
using System.Net;
using PxeKit.Server.Leases;
using PxeKit.Server.Leases.Postgres;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>The PostgreSQL lease store against a real PostgreSQL the test starts: the promises of the SQLite store, and the schema's versions.</summary>
public sealed class PostgresLeaseStoreTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_lease_is_replaced_by_its_client_taken_over_by_another_for_its_address_and_deleted()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        var a = Lease("52:54:00:00:00:01", "10.0.0.10");
        var b = Lease("52:54:00:00:00:02", "10.0.0.11", "02:aa:bb") with { HostName = "bee" };
        var c = Lease("52:54:00:00:00:03", "10.0.0.12");
        using (var store = new PostgresLeaseStore(location))
        {
            await store.SaveAsync(a);
            await store.SaveAsync(b);
            await store.SaveAsync(c);
            Assert.Equal([a, b, c], store.LoadAll());

            // a moves to another address: its old row goes.
            var moved = a with { Address = IPAddress.Parse("10.0.0.20"), Expires = Expires.AddHours(1) };
            await store.SaveAsync(moved);

            // c is given b's address: b no longer holds it.
            var takeover = c with { Address = b.Address };
            await store.SaveAsync(takeover);
            Assert.Equal([takeover, moved], store.LoadAll());

            await store.DeleteAsync(takeover.Client);
            await store.DeleteAsync(ClientKey.ForMac("52:54:00:00:00:99"));
            Assert.Equal([moved], store.LoadAll());
        }

        using var reopened = new PostgresLeaseStore(location);
        Assert.Equal([Lease("52:54:00:00:00:01", "10.0.0.20") with { Expires = Expires.AddHours(1) }], reopened.LoadAll());
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_lease_keyed_by_identifier_and_one_keyed_by_the_same_mac_are_two_leases()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        var byId = Lease("52:54:00:00:00:01", "10.0.0.10", "01:52:54:00:00:00:01");
        var byMac = Lease("52:54:00:00:00:01", "10.0.0.11");
        using var store = new PostgresLeaseStore(location);
        await store.SaveAsync(byId);
        await store.SaveAsync(byMac);
        await store.SaveAsync(byId with { Expires = Expires.AddHours(1) });

        Assert.Equal([byId with { Expires = Expires.AddHours(1) }, byMac], store.LoadAll());
        await store.DeleteAsync(byMac.Client);
        Assert.Equal([byId with { Expires = Expires.AddHours(1) }], store.LoadAll());
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task The_schema_is_created_once_and_reopening_applies_nothing_again()
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync();
        using (var store = new PostgresLeaseStore(location))
        {
            await store.SaveAsync(Lease("52:54:00:00:00:01", "10.0.0.10"));
        }

        // The second store on the same database, and a reopening, find the schema in place.
        using (new PostgresBootOnceStore(location))
        using (var reopened = new PostgresLeaseStore(location))
        {
            Assert.Single(reopened.LoadAll());
        }

        Assert.Equal(4L, await instance.ScalarAsync<long>(location.Database, "SELECT count(*) FROM schema_version"));
        Assert.Equal(4, await instance.ScalarAsync<int>(location.Database, "SELECT max(version) FROM schema_version"));
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_database_of_a_newer_schema_is_refused_and_left_as_it_is()
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync();
        await instance.ExecuteAsync(location.Database, "CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_version (version) VALUES (1), (7);");

        var refused = Assert.Throws<LeaseDatabaseVersionException>(() => new PostgresLeaseStore(location));

        Assert.Equal(7, refused.Found);
        Assert.Equal(location.ToString(), refused.Database);
        Assert.StartsWith($"the lease database {location} has schema version 7, newer than the 4 this pxekit knows", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await instance.ScalarAsync<long>(location.Database, "SELECT count(*) FROM pg_tables WHERE tablename IN ('leases', 'boot_once')"));
        Assert.Throws<LeaseDatabaseVersionException>(() => new PostgresBootOnceStore(location));
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task Boot_once_marks_persist_across_reopening()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        using (var once = new PostgresBootOnceStore(location))
        {
            Assert.False(once.IsUsed("52:54:00:00:00:01", "install"));
            once.MarkUsed("52:54:00:00:00:01", "install");
            once.MarkUsed("52:54:00:00:00:01", "install");
            Assert.True(once.IsUsed("52:54:00:00:00:01", "install"));
        }

        using var reopened = new PostgresBootOnceStore(location);
        Assert.True(reopened.IsUsed("52:54:00:00:00:01", "install"));
        Assert.False(reopened.IsUsed("52:54:00:00:00:01", "rescue"));
        Assert.False(reopened.IsUsed("52:54:00:00:00:02", "install"));
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task Many_writes_at_once_complete_in_order_and_end_as_the_same_writes_on_the_in_memory_store()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        using var store = new PostgresLeaseStore(location);
        using var model = new InMemoryLeaseStore();

        // 4000 writes over 300 clients and 200 addresses: clients move, take each other's addresses, are deleted.
        var instance = await postgres.InstanceAsync();
        long firstTransaction = await instance.ScalarAsync<long>(location.Database, "SELECT txid_current()");
        var random = new Random(17);
        var writes = new List<Task>();
        var checks = new List<Task>();
        int outOfOrder = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 4000; i++)
        {
            int client = random.Next(300);
            var mac = $"52:54:00:00:{client / 256:x2}:{client % 256:x2}";
            Task write;
            if (random.Next(10) == 0)
            {
                write = store.DeleteAsync(ClientKey.ForMac(mac));
                await model.DeleteAsync(ClientKey.ForMac(mac));
            }
            else
            {
                int address = random.Next(200);
                var lease = Lease(mac, $"10.0.{address / 100}.{address % 100}") with { Expires = Expires.AddSeconds(i) };
                write = store.SaveAsync(lease);
                await model.SaveAsync(lease);
            }

            // When a write completes, the one asked for just before it (and so every earlier one) has completed.
            var before = writes.LastOrDefault();
            checks.Add(write.ContinueWith(
                _ =>
                {
                    if (before is { IsCompleted: false })
                    {
                        Interlocked.Increment(ref outOfOrder);
                    }
                },
                TaskScheduler.Default));
            writes.Add(write);
        }

        await Task.WhenAll([.. writes, .. checks]).WaitAsync(TimeSpan.FromSeconds(60));
        clock.Stop();
        output.WriteLine($"4000 ordered writes committed in {clock.ElapsedMilliseconds} ms ({4000 / clock.Elapsed.TotalSeconds:F0} writes/s)");

        // Every write transaction takes a transaction id: the writes were committed in far fewer transactions than writes.
        long transactions = await instance.ScalarAsync<long>(location.Database, "SELECT txid_current()") - firstTransaction - 1;
        output.WriteLine($"in {transactions} transactions");
        Assert.InRange(transactions, 1, 400);
        Assert.Equal(0, outOfOrder);
        Assert.Equal(model.LoadAll().OrderBy(l => l.Address.GetAddressBytes()[2]).ThenBy(l => l.Address.GetAddressBytes()[3]), store.LoadAll());

        // And from many threads at once: each to its own client, all there after.
        var parallel = Enumerable.Range(0, 500).Select(i => Task.Run(() => store.SaveAsync(Lease($"02:00:00:00:{i / 256:x2}:{i % 256:x2}", $"10.1.{i / 250}.{i % 250}")))).ToArray();
        await Task.WhenAll(parallel).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(500, store.LoadAll().Count(l => l.Mac.StartsWith("02:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_database_that_cannot_be_reached_at_start_is_named_with_its_host_port_and_database()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var location = PostgresLocation.Parse($"postgresql://pxekit@127.0.0.1:{port}/leases");

        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<LeaseDatabaseUnreachableException>(() => new PostgresLeaseStore(location));

        Assert.StartsWith($"cannot open the lease database postgresql://pxekit@127.0.0.1:{port}/leases (host 127.0.0.1, port {port}, database leases, user pxekit): ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(location, refused.Location);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2 * PostgresLocation.ConnectTimeoutSeconds + 5));
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_wrong_password_is_refused_at_start_naming_the_database()
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync();
        var wrong = Path.Combine(instance.Directory, "wrong-pgpass");
        await File.WriteAllTextAsync(wrong, $"*:*:*:*:not-the-password\n");
        File.SetUnixFileMode(wrong, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var refused = Assert.Throws<LeaseDatabaseUnreachableException>(() => new PostgresLeaseStore(location with { PassFile = wrong }));

        Assert.Contains($"(host 127.0.0.1, port {instance.Port}, database {location.Database}, user pxekit)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", refused.Message, StringComparison.Ordinal);
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_database_that_does_not_exist_is_refused_at_start_naming_it()
    {
        var instance = await postgres.InstanceAsync();

        var refused = Assert.Throws<LeaseDatabaseUnreachableException>(() => new PostgresBootOnceStore(instance.Location("no_such_database")));

        Assert.Contains($"(host 127.0.0.1, port {instance.Port}, database no_such_database, user pxekit): ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task The_stores_sessions_commit_synchronously_when_the_servers_default_is_not_to()
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync();
        Assert.Equal("off", await instance.ScalarAsync<string>(location.Database, "SHOW synchronous_commit"));

        await using var connection = new Npgsql.NpgsqlConnection(location.ConnectionString());
        await connection.OpenAsync();
        await using var show = new Npgsql.NpgsqlCommand("SHOW synchronous_commit", connection);
        Assert.Equal("on", await show.ExecuteScalarAsync());
    }

    private static Lease Lease(string mac, string address, string? identifier = null) =>
        new Lease(mac, IPAddress.Parse(address), Expires) is var lease && identifier is not null
            ? lease with { Client = ClientKey.ForIdentifier(identifier) }
            : lease;
}
