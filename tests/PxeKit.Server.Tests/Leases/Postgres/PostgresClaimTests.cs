using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using PxeKit.Server.Leases;
using PxeKit.Server.Leases.Postgres;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>
/// <see cref="PostgresLeaseStore.ClaimAsync"/> (issue 17): two stores on one database, as two servers, deciding in it which
/// client has an address. A real PostgreSQL the test starts.
/// </summary>
public sealed class PostgresClaimTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int RangeSize = 50;
    private const int ClientsPerServer = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task Two_servers_claiming_one_small_range_at_once_never_give_an_address_to_two_clients()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        using var first = new PostgresLeaseStore(location);
        using var second = new PostgresLeaseStore(location);
        var won = new ConcurrentDictionary<ClientKey, IPAddress>();
        int refused = 0, claims = 0;
        var clock = Stopwatch.StartNew();

        // 2 x 100 clients, each on a thread of its own (each waits for its claim to be committed before the next), each
        // going round the 50 addresses from its own start until one is its.
        var failures = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, 2 * ClientsPerServer).Select(i => new Thread(() =>
        {
            try
            {
                ClaimOne(i);
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToArray();

        void ClaimOne(int i)
        {
            var store = i < ClientsPerServer ? first : second;
            var mac = Mac(i);
            for (int step = 0; step < RangeSize; step++)
            {
                var address = Address((i * 7 + step) % RangeSize);
                Interlocked.Increment(ref claims);
                if (store.ClaimAsync(new Lease(mac, address, In(3600)), bound: true).GetAwaiter().GetResult())
                {
                    Assert.True(won.TryAdd(ClientKey.ForMac(mac), address));
                    return;
                }
            }

            Interlocked.Increment(ref refused);
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        var deadline = DateTime.UtcNow + Deadline;
        Assert.All(threads, thread => Assert.True(thread.Join(Max(deadline - DateTime.UtcNow)), "a claim did not return within the deadline"));
        Assert.Empty(failures);
        output.WriteLine($"{claims} claims by 200 clients on 2 stores in {clock.ElapsedMilliseconds} ms ({claims / clock.Elapsed.TotalSeconds:F0} claims/s): {won.Count} won, {refused} refused");

        // Every address won once, by one client, and the database holds exactly what the winners were told.
        Assert.Equal(RangeSize, won.Count);
        Assert.Equal(2 * ClientsPerServer - RangeSize, refused);
        Assert.Equal(RangeSize, won.Values.Distinct().Count());
        var rows = first.LoadAll();
        Assert.Equal(won.OrderBy(w => w.Value.ToString(), StringComparer.Ordinal).Select(w => (w.Key, w.Value.ToString())),
            rows.OrderBy(r => r.Address.ToString(), StringComparer.Ordinal).Select(r => (r.Client, r.Address.ToString())));
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_claim_is_idempotent_for_its_client_refused_to_another_and_given_once_the_row_has_expired()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        using var first = new PostgresLeaseStore(location);
        using var second = new PostgresLeaseStore(location);
        var a = new Lease(Mac(1), Address(0), In(3600));
        var b = new Lease(Mac(2), Address(0), In(3600));

        Assert.True(await first.ClaimAsync(a, bound: true));
        Assert.True(await second.ClaimAsync(a with { HostName = "again" }, bound: true));
        Assert.False(await second.ClaimAsync(b, bound: true));
        Assert.Equal([a with { HostName = "again" }], first.LoadAll());
        Assert.Equal(a.Client, (await second.HolderOfAsync(Address(0)))!.Client);
        Assert.Equal(Address(0), (await second.FindAsync(a.Client))!.Address);

        // b holds another address; a lost claim of a's leaves b's own row as it was.
        var bElsewhere = b with { Address = Address(1) };
        Assert.True(await second.ClaimAsync(bElsewhere, bound: true));
        Assert.False(await first.ClaimAsync(b, bound: true));
        Assert.Equal(bElsewhere, await first.FindAsync(b.Client));

        // a moves: its old row goes, and the address is b's to take.
        Assert.True(await first.ClaimAsync(a with { Address = Address(2) }, bound: true));
        Assert.Null(await first.HolderOfAsync(Address(0)));
        Assert.True(await second.ClaimAsync(b, bound: true));
        Assert.Equal([Address(0), Address(2)], first.LoadAll().Select(l => l.Address));
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task An_offer_hold_keeps_the_address_from_others_is_no_lease_and_gives_way_once_it_has_expired()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        using var first = new PostgresLeaseStore(location);
        using var second = new PostgresLeaseStore(location);
        var offer = new Lease(Mac(1), Address(0), In(60));
        Assert.True(await first.ClaimAsync(offer, bound: false));
        Assert.False(await second.ClaimAsync(new Lease(Mac(2), Address(0), In(3600)), bound: true));
        Assert.Empty(second.LoadAll());
        Assert.Null(await second.FindAsync(offer.Client));

        // An offer whose hold has passed (by the database's clock) is anyone's.
        Assert.True(await first.ClaimAsync(offer with { Expires = In(-1) }, bound: false));
        var taken = new Lease(Mac(2), Address(0), In(3600));
        Assert.True(await second.ClaimAsync(taken, bound: true));
        Assert.Equal([taken], first.LoadAll());
        Assert.Equal([taken], PostgresLeaseReader.ReadAll(location));
    }

    private static TimeSpan Max(TimeSpan left) => left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>An expiry in whole seconds (the database keeps microseconds), <paramref name="seconds"/> from now.</summary>
    private static DateTimeOffset In(int seconds) => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds);

    private static string Mac(int i) => $"52:54:00:01:{i >> 8:x2}:{i & 0xff:x2}";

    private static IPAddress Address(int i) => IPAddress.Parse($"10.0.1.{i + 1}");
}
