using Npgsql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// One server per PostgreSQL database, as one per SQLite file (<see cref="LeaseDatabaseLock"/>), until addresses are
/// allocated in the database itself (docs/scale-out.md): a session-level advisory lock, held on a connection of its own
/// for as long as the server runs. A second server is refused at start; the lock goes with the first server's session,
/// so a server killed with SIGKILL leaves nothing behind.
/// </summary>
public sealed class PostgresServerLock : IDisposable
{
    /// <summary>The advisory lock's key: "PxeKit" in ASCII, one key for every PxeKit on any database.</summary>
    private const long Key = 0x5078_4b69_74;

    private readonly NpgsqlConnection _connection;

    private PostgresServerLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>
    /// Takes the lock, or throws <see cref="LeaseDatabaseInUseException"/> when another server holds it, or
    /// <see cref="LeaseDatabaseUnreachableException"/> when the database cannot be reached.
    /// </summary>
    public static PostgresServerLock Take(PostgresLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var connection = new NpgsqlConnection(location.ConnectionString());
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (command.ExecuteScalar() is not true)
            {
                throw new LeaseDatabaseInUseException(
                    $"the lease database {location} is in use by another pxekit serve: two servers on one database would hand out the same addresses "
                    + "until allocation moves into the database (docs/scale-out.md); stop the other one, or give this one its own database");
            }

            return new PostgresServerLock(connection);
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw new LeaseDatabaseUnreachableException(location, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _connection.Dispose();
}
