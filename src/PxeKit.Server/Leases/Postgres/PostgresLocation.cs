using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// Where a PostgreSQL lease database is: <c>postgresql://USER@HOST[:PORT]/DB[?passfile=PATH]</c> (or <c>postgres://</c>),
/// the URI form libpq reads. The password is never in the URL (it would show in the configuration, the journal and
/// <c>ps</c>): it comes from <c>?passfile=</c>, else from the standard PostgreSQL environment, <c>PGPASSWORD</c> or
/// <c>PGPASSFILE</c> (then <c>~/.pgpass</c>), which Npgsql reads itself.
/// </summary>
public sealed record PostgresLocation(string User, string Host, int Port, string Database, string? PassFile = null)
{
    /// <summary>PostgreSQL's port when the URL names none.</summary>
    public const int DefaultPort = 5432;

    /// <summary>How long opening a connection may take before the write or the start fails (Npgsql <c>Timeout</c>, seconds).</summary>
    public const int ConnectTimeoutSeconds = 5;

    /// <summary>How long one statement or commit may take before it fails (Npgsql <c>Command Timeout</c>, seconds).</summary>
    public const int CommandTimeoutSeconds = 10;

    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    /// <summary>True when <paramref name="text"/> is meant as a PostgreSQL URL (rather than an SQLite file), well formed or not.</summary>
    public static bool IsUrl(string text) =>
        text is not null && Schemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the URL; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static PostgresLocation Parse(string text) =>
        TryParse(text, out var location, out var error) ? location : throw new FormatException(error);

    /// <summary>Parses the URL, or says in <paramref name="error"/> what is wrong with it (for a configuration check that reports every error).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out PostgresLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        error = Check(text, out var parsed);
        if (error is not null)
        {
            error = $"the lease database URL '{text}' {error}; the form is postgresql://USER@HOST:PORT/DB";
            return false;
        }

        location = parsed!;
        return true;
    }

    /// <summary>The URL, without a password (it never has one), as the configuration and errors show it.</summary>
    public override string ToString()
    {
        var host = Host.StartsWith('/') ? Uri.EscapeDataString(Host) : Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var url = string.Create(CultureInfo.InvariantCulture, $"postgresql://{Uri.EscapeDataString(User)}@{host}:{Port}/{Uri.EscapeDataString(Database)}");
        return PassFile is null ? url : $"{url}?passfile={Uri.EscapeDataString(PassFile).Replace("%2F", "/", StringComparison.Ordinal)}";
    }

    /// <summary>The Npgsql connection string: this location, the timeouts above, and commits that wait for the WAL flush.</summary>
    internal string ConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = User,
            ApplicationName = "pxekit",
            Timeout = ConnectTimeoutSeconds,
            CommandTimeout = CommandTimeoutSeconds,
            MaxPoolSize = 4,

            // The store sends the same four statements again and again: prepared once per connection, they are parsed once.
            MaxAutoPrepare = 8,

            // An ACK leaves once its lease is committed: a server configured with synchronous_commit=off would
            // answer a commit before its WAL is on disk, so the session asks for it whatever the server's default.
            Options = "-c synchronous_commit=on",
        };
        if (PassFile is not null)
        {
            builder.Passfile = PassFile;
        }

        return builder.ConnectionString;
    }

    private static string? Check(string text, out PostgresLocation? location)
    {
        location = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is empty";
        }

        var scheme = Schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is null)
        {
            return "does not start with postgresql:// or postgres://";
        }

        var rest = text[scheme.Length..];
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        string? passFile = null;
        if (query >= 0)
        {
            if (ReadQuery(rest[(query + 1)..], out passFile) is { } bad)
            {
                return bad;
            }

            rest = rest[..query];
        }

        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || slash == rest.Length - 1)
        {
            return "names no database (the /DB at the end)";
        }

        var database = Uri.UnescapeDataString(rest[(slash + 1)..]);
        if (database.Contains('/', StringComparison.Ordinal))
        {
            return $"has a database name with a '/' in it ({database})";
        }

        var authority = rest[..slash];
        int at = authority.LastIndexOf('@');
        if (at <= 0)
        {
            return "names no user (the USER@ before the host)";
        }

        var user = authority[..at];
        if (user.Contains(':', StringComparison.Ordinal))
        {
            return "carries a password: give it in a passfile (?passfile=PATH, PGPASSFILE or ~/.pgpass) or PGPASSWORD, not in the URL";
        }

        if (ReadHost(authority[(at + 1)..], out var host, out int port) is { } wrong)
        {
            return wrong;
        }

        location = new PostgresLocation(Uri.UnescapeDataString(user), host, port, database, passFile);
        return null;
    }

    /// <summary>HOST, HOST:PORT, [IPV6] or [IPV6]:PORT.</summary>
    private static string? ReadHost(string text, out string host, out int port)
    {
        host = text;
        port = DefaultPort;
        string? portText = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "has a '[' before the host with no ']' after it";
            }

            host = text[1..close];
            var after = text[(close + 1)..];
            if (after.Length > 0)
            {
                if (!after.StartsWith(':'))
                {
                    return $"has '{after}' after the host, where a :PORT or the /DB belongs";
                }

                portText = after[1..];
            }
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0)
            {
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
        }

        if (host.Length == 0)
        {
            return "names no host";
        }

        // A percent-encoded absolute path, as libpq reads it: the directory of the server's Unix socket (a server on
        // this host, reached from any network namespace).
        if (host.StartsWith("%2F", StringComparison.OrdinalIgnoreCase))
        {
            host = Uri.UnescapeDataString(host);
        }

        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return $"has port '{portText}', not a number from 1 to 65535";
        }

        return null;
    }

    /// <summary>The query: <c>passfile=PATH</c> is the only parameter; anything else is refused rather than ignored.</summary>
    private static string? ReadQuery(string text, out string? passFile)
    {
        passFile = null;
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (!name.Equals("passfile", StringComparison.Ordinal))
            {
                return $"has the parameter '{name}', which pxekit does not know (it knows passfile)";
            }

            passFile = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (passFile.Length == 0)
            {
                return "has a passfile parameter with no path";
            }
        }

        return null;
    }
}
