using Microsoft.Extensions.Logging;
using Npgsql;
using PxeKit.Server.Dhcp;

using static PxeKit.Server.Leases.Postgres.PostgresSql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// This server's place among the servers that share one PostgreSQL lease database (table <c>servers</c>): it writes its
/// heartbeat and the ranges it serves every <see cref="BeatEvery"/>, and reads back the servers heard from within
/// <see cref="Silence"/>, by the database's clock. Those that serve the same ranges split the new clients among them
/// (<see cref="Split"/>); one that serves other ranges is warned of, and left out of the split, so both it and this
/// server answer every client (the claims in the database still keep each address to one client). A server that stops
/// cleanly removes its row, and its clients pass to the others at their next heartbeat; one that dies passes them on once
/// <see cref="Silence"/> has gone by. While the database cannot be reached the split stays as last read.
/// </summary>
public sealed class PostgresPeers : IDisposable
{
    /// <summary>How often the heartbeat is written and the live servers read.</summary>
    public static readonly TimeSpan BeatEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>A server not heard from for this long is gone: its clients are answered by the others.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(2);

    /// <summary>How long a gone server's row is kept, for an operator to see it, before a heartbeat removes it.</summary>
    private static readonly TimeSpan Forgotten = TimeSpan.FromHours(1);

    /// <summary>Peers with other ranges warned of once each; a bound, as every restart of a server is a new id.</summary>
    private const int MaxWarned = 64;

    private const string BeatSql = "INSERT INTO servers (id, scopes) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET scopes = EXCLUDED.scopes, seen = now()";
    private const string LiveSql = "SELECT id, scopes FROM servers WHERE seen >= now() - make_interval(secs => $1) ORDER BY id";
    private const string ForgetSql = "DELETE FROM servers WHERE seen < now() - make_interval(secs => $1)";

    private readonly PostgresDatabase _database;
    private readonly Func<IReadOnlyList<DhcpScope>> _scopes;
    private readonly ILogger _logger;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private int _beating;
    private bool _failing;
    private volatile bool _stopped;

    /// <summary>
    /// Writes this server's first heartbeat and reads the others, then beats on a timer. Throws as
    /// <see cref="PostgresLeaseStore"/>'s constructor does when the database cannot be reached.
    /// </summary>
    /// <param name="scopes">The scopes served now (a reload may change them): their ranges are what peers compare.</param>
    public PostgresPeers(PostgresLocation location, Func<IReadOnlyList<DhcpScope>> scopes, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _database = PostgresDatabase.Open(location);
        _scopes = scopes;
        _logger = logger;
        Split = new PeerServers($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            Beat(throwOnFailure: true);
        }
        catch
        {
            _database.Dispose();
            throw;
        }

        _timer = time.CreateTimer(_ => Beat(throwOnFailure: false), null, BeatEvery, BeatEvery);
    }

    /// <summary>Which of the live servers answers which new client.</summary>
    public PeerServers Split { get; }

    /// <summary>The ranges of <paramref name="scopes"/> as the servers compare them: every range, in order, one text.</summary>
    public static string Ranges(IEnumerable<DhcpScope> scopes) =>
        string.Join(" ", scopes.Select(s => $"{s.RangeStart}-{s.RangeEnd}").Order(StringComparer.Ordinal));

    /// <summary>Stops the heartbeat and removes this server's row: the others take its clients at their next beat.</summary>
    public void Dispose()
    {
        // A beat already running finishes before the connections close; none starts after.
        _stopped = true;
        _timer.Dispose();
        SpinWait.SpinUntil(() => Volatile.Read(ref _beating) == 0, TimeSpan.FromSeconds(30));
        try
        {
            _database.Run(connection =>
            {
                using var command = new NpgsqlCommand("DELETE FROM servers WHERE id = $1", connection);
                command.Parameters.Add(Text(Split.Self));
                return command.ExecuteNonQuery();
            });
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            // The database is gone: the row ages out, and the others stop counting this server after Silence.
        }

        _database.Dispose();
    }

    private void Beat(bool throwOnFailure)
    {
        // A beat that takes longer than the period (a slow database) is not joined by the next.
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        if (_stopped)
        {
            Volatile.Write(ref _beating, 0);
            return;
        }

        try
        {
            var ranges = Ranges(_scopes());
            var live = _database.Run(connection => ReadLive(connection, ranges));
            _failing = false;
            var agreeing = new List<string>();
            foreach (var (id, theirs) in live)
            {
                if (theirs == ranges)
                {
                    agreeing.Add(id);
                }
                else if (_warned.Count < MaxWarned && _warned.Add($"{id} {theirs}"))
                {
                    Log.ScopesDiffer(_logger, id, theirs, ranges);
                }
            }

            if (Split.Update(agreeing))
            {
                Log.PeersChanged(_logger, string.Join(", ", Split.Live), Split.Self);
            }
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e) && !throwOnFailure)
        {
            if (!_failing)
            {
                _failing = true;
                Log.HeartbeatFailed(_logger, e.Message);
            }
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    /// <summary>Writes the heartbeat, forgets long-gone servers, and reads the live ones (this one among them), in one round trip.</summary>
    private List<(string Id, string Ranges)> ReadLive(NpgsqlConnection connection, string ranges)
    {
        using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(BeatSql, Text(Split.Self), Text(ranges)));
        batch.BatchCommands.Add(Command(ForgetSql, Interval(Forgotten)));
        batch.BatchCommands.Add(Command(LiveSql, Interval(Silence)));
        using var reader = batch.ExecuteReader();
        while (reader.FieldCount == 0 && reader.NextResult())
        {
        }

        var live = new List<(string, string)>();
        while (reader.Read())
        {
            live.Add((reader.GetString(0), reader.GetString(1)));
        }

        return live;
    }

    private static NpgsqlParameter<double> Interval(TimeSpan value) => new() { TypedValue = value.TotalSeconds };
}
