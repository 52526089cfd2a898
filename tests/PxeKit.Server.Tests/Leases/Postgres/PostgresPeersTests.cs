using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>
/// <see cref="PostgresPeers"/>: servers on one PostgreSQL database find each other through their heartbeats, split the
/// new clients among those that serve the same ranges, and drop a server that leaves or goes silent. A real PostgreSQL the
/// test starts; the heartbeats are driven by fake clocks, while silence is judged by the database's own clock.
/// </summary>
public sealed class PostgresPeersTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DhcpScope Scope = Range("10.48.0.100", "10.48.0.199");

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task Two_servers_find_each_other_and_one_that_stops_cleanly_is_dropped_at_the_next_beat()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        var (firstClock, secondClock) = (new FakeTimeProvider(), new FakeTimeProvider());
        using var first = Join(location, firstClock, Scope);
        var second = Join(location, secondClock, Scope);

        // The second read the first as it joined; the first reads the second at its next beat.
        Assert.Equal(2, second.Split.Live.Count);
        Assert.Single(first.Split.Live);
        firstClock.Advance(PostgresPeers.BeatEvery);
        Assert.Equal(second.Split.Live, first.Split.Live);

        second.Dispose();
        firstClock.Advance(PostgresPeers.BeatEvery);
        Assert.Equal([first.Split.Self], first.Split.Live);
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_server_that_stops_beating_is_dropped_once_the_database_has_not_heard_from_it_for_the_silence()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        var firstClock = new FakeTimeProvider();
        using var first = Join(location, firstClock, Scope);

        // Its clock never moves: it beat once, as it joined, and then fell silent as a killed process does.
        using var silent = Join(location, new FakeTimeProvider(), Scope);
        firstClock.Advance(PostgresPeers.BeatEvery);
        Assert.Equal(2, first.Split.Live.Count);

        var joined = DateTime.UtcNow;
        var deadline = joined + PostgresPeers.Silence + TimeSpan.FromSeconds(10);
        while (first.Split.Live.Count > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            firstClock.Advance(PostgresPeers.BeatEvery);
        }

        Assert.Equal([first.Split.Self], first.Split.Live);
        Assert.True(DateTime.UtcNow - joined >= PostgresPeers.Silence - TimeSpan.FromMilliseconds(100), "dropped before its silence had passed");
    }

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_server_serving_other_ranges_is_left_out_of_the_split_so_both_answer_every_client()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        var firstClock = new FakeTimeProvider();
        using var first = Join(location, firstClock, Scope);
        using var other = Join(location, new FakeTimeProvider(), Range("10.48.0.100", "10.48.0.150"));
        firstClock.Advance(PostgresPeers.BeatEvery);

        Assert.Equal([first.Split.Self], first.Split.Live);
        Assert.Equal([other.Split.Self], other.Split.Live);
    }

    private static PostgresPeers Join(PostgresLocation location, TimeProvider time, DhcpScope scope) =>
        new(location, () => [scope], time, NullLogger.Instance);

    private static DhcpScope Range(string first, string last) => new()
    {
        Interface = "lab0",
        ServerAddress = IPAddress.Parse("10.48.0.1"),
        SubnetMask = IPAddress.Parse("255.255.255.0"),
        RangeStart = IPAddress.Parse(first),
        RangeEnd = IPAddress.Parse(last),
    };
}
