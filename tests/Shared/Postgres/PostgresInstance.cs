using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Tests.Shared;

/// <summary>
/// A PostgreSQL server of the test's own, from Debian's postgresql-15: a cluster made by <c>initdb</c> in a temporary
/// directory, run as the <c>postgres</c> user (initdb and postgres refuse root), listening on 127.0.0.1 on a free port
/// and on a socket in that directory, with a password for TCP logins (so the stores' passfile is used for real), and
/// <c>synchronous_commit=off</c> as the server's default (the stores must ask for it on in their sessions).
/// Disposing stops the postmaster it started, by its PID, and removes the directory.
/// </summary>
internal sealed class PostgresInstance : IAsyncDisposable
{
    public const string Bin = "/usr/lib/postgresql/15/bin";

    /// <summary>The programs a test of this server needs (its attribute's Files).</summary>
    public const string Initdb = Bin + "/initdb", Postmaster = Bin + "/postgres";

    /// <summary>The superuser initdb creates, whom the stores log in as.</summary>
    public const string User = "pxekit";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly string _password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    private int _databases;

    private PostgresInstance(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    /// <summary>The temporary directory: the cluster (data/), its log, the socket and the passfile.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>The superuser's password (for a test of PGPASSWORD).</summary>
    public string Password => _password;

    /// <summary>The postmaster's PID while it runs (from data/postmaster.pid), else null.</summary>
    public int? Pid { get; private set; }

    /// <summary>A passfile with this cluster's password, as the stores' <c>?passfile=</c> names it.</summary>
    public string PassFile => Path.Combine(Directory, "pgpass");

    private string Data => Path.Combine(Directory, "data");

    /// <summary>initdb, then start; fails the test when PostgreSQL does not come up within a minute.</summary>
    public static async Task<PostgresInstance> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("pxekit-pg-").FullName;
        var instance = new PostgresInstance(directory, FreePort());
        try
        {
            var passwordFile = Path.Combine(directory, "password");
            await File.WriteAllTextAsync(passwordFile, instance._password);
            await Sh.CheckAsync("chown", "-R", "postgres:postgres", directory);
            await AsPostgres(
                "initdb",
                "-D",
                instance.Data,
                "-U",
                User,
                $"--pwfile={passwordFile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions");
            File.Delete(passwordFile);

            // Written after the chown: root's, mode 0600, as libpq and Npgsql want a passfile.
            await File.WriteAllTextAsync(instance.PassFile, $"127.0.0.1:{instance.Port}:*:{User}:{instance._password}\n");
            File.SetUnixFileMode(instance.PassFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await instance.StartAgainAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>The URL of database <paramref name="database"/> on this server, its password in the passfile.</summary>
    public PostgresLocation Location(string database) => new(User, "127.0.0.1", Port, database, PassFile);

    /// <summary>A new, empty database for one test.</summary>
    public async Task<PostgresLocation> NewDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _databases)}");
        await ExecuteAsync("postgres", $"CREATE DATABASE {name}");
        return Location(name);
    }

    /// <summary>Runs SQL on <paramref name="database"/> behind the stores' back.</summary>
    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Starts the postmaster on the same port and directory (again, after <see cref="StopAsync"/>), and waits until it takes connections.</summary>
    public async Task StartAgainAsync()
    {
        await AsPostgres(
            "pg_ctl",
            "start",
            "-D",
            Data,
            "-l",
            Path.Combine(Directory, "log"),
            "-o",
            string.Create(CultureInfo.InvariantCulture, $"-c listen_addresses=127.0.0.1 -p {Port} -k {Directory} -c max_connections=40 -c synchronous_commit=off"));
        Pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(Data, "postmaster.pid")))[0], CultureInfo.InvariantCulture);

        // pg_ctl -w has waited already; a login over TCP is what the stores need, so that is what is waited for.
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            try
            {
                await using var connection = await OpenAsync("postgres");
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the postmaster it started (fast shutdown: sessions are ended), and waits until its PID is gone.</summary>
    public async Task StopAsync()
    {
        if (Pid is not { } pid)
        {
            return;
        }

        try
        {
            await AsPostgres("pg_ctl", "stop", "-D", Data, "-m", "fast");
        }
        finally
        {
            // pg_ctl waits until the postmaster has removed its PID file; the process itself is gone moments later.
            // Should it not be within the bound, it is killed by the PID this instance started.
            var deadline = DateTime.UtcNow + StartLimit;
            while (IsRunning(pid) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            if (IsRunning(pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }

            Pid = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>True while the process exists and is not a zombie (in a container, nobody may reap the postmaster pg_ctl left).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..] is not ['Z', ..] and not ['X', ..];
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = User,
            Password = _password,
            Pooling = false,
            Timeout = 5,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static Task<Sh.Result> AsPostgres(string program, params string[] arguments) =>
        Sh.CheckAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, program), .. arguments]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
