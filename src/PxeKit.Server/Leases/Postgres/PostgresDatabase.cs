using Npgsql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// One store's connections to the PostgreSQL lease database: a small pool, the schema brought up to date when it is
/// opened, and the rule for a connection lost between two uses (the database restarted): the pool is emptied and the
/// work is done once more on a new connection, so a store comes back by itself once the database does.
/// </summary>
internal sealed class PostgresDatabase : IDisposable
{
    private readonly NpgsqlDataSource _source;

    private PostgresDatabase(PostgresLocation location, NpgsqlDataSource source)
    {
        Location = location;
        _source = source;
    }

    public PostgresLocation Location { get; }

    /// <summary>
    /// Connects and migrates the schema. Throws <see cref="LeaseDatabaseUnreachableException"/> when the database
    /// cannot be reached or logged into, <see cref="LeaseDatabaseVersionException"/> when it is newer than this PxeKit.
    /// </summary>
    public static PostgresDatabase Open(PostgresLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.PassFile is { } passFile && !File.Exists(passFile))
        {
            throw new LeaseDatabaseUnreachableException(location, new FileNotFoundException($"the passfile {passFile} does not exist", passFile));
        }

        // The slim builder: plain types only, no reflection-based mapping, so pxekit stays trimmable and AOT-compiled.
        var source = new NpgsqlSlimDataSourceBuilder(location.ConnectionString()).Build();
        var database = new PostgresDatabase(location, source);
        try
        {
            database.Run(connection =>
            {
                PostgresSchema.Migrate(connection, location);
                return 0;
            });
            return database;
        }
        catch (NpgsqlException e) when (IsConnectionLost(e) || e is PostgresException { SqlState: ['2', '8', ..] or ['3', 'D', ..] })
        {
            // 28: the login was refused; 3D: there is no such database.
            database.Dispose();
            throw new LeaseDatabaseUnreachableException(location, e);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection. A connection found lost (the database restarted since it
    /// was pooled) empties the pool and the work is run once more on a new one; a second failure is thrown. The work
    /// must be safe to do twice (it may have committed before the connection broke): every store's is.
    /// </summary>
    public T Run<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = _source.OpenConnection();
            return work(connection);
        }
        catch (NpgsqlException e) when (IsConnectionLost(e))
        {
            _source.Clear();
            using var connection = _source.OpenConnection();
            return work(connection);
        }
    }

    /// <summary>
    /// <see cref="Run{T}"/> for a request that must not hold a thread while the database answers (a lookup of the
    /// DHCP path, many in flight at once): the same rule for a lost connection.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (IsConnectionLost(e))
        {
            _source.Clear();
            await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
    }

    public void Dispose() => _source.Dispose();

    /// <summary>
    /// The connection, not the statement, failed: no answer from the server (an I/O error, a timeout), or the server
    /// ending the session (class 08, connection exception; class 57P, the server shutting down or restarting).
    /// </summary>
    private static bool IsConnectionLost(NpgsqlException e) => e switch
    {
        PostgresException server => server.SqlState is ['0', '8', ..] or ['5', '7', 'P', ..],
        _ => true,
    };
}
