using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>The lease database URL: the forms PxeKit reads, and a sentence for each one it does not.</summary>
public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgresql://pxekit@db.example:6543/leases", "pxekit", "db.example", 6543, "leases", null)]
    [InlineData("postgres://pxekit@10.0.0.5/leases", "pxekit", "10.0.0.5", 5432, "leases", null)]
    [InlineData("POSTGRESQL://pxekit@[fd00::5]:5433/leases", "pxekit", "fd00::5", 5433, "leases", null)]
    [InlineData("postgresql://pxe%40kit@db:5432/my%20leases?passfile=/etc/pxekit/pgpass", "pxe@kit", "db", 5432, "my leases", "/etc/pxekit/pgpass")]
    [InlineData("postgresql://pxekit@%2Ftmp%2Fpg:5433/leases", "pxekit", "/tmp/pg", 5433, "leases", null)]
    public void A_url_is_read_into_its_parts(string url, string user, string host, int port, string database, string? passFile)
    {
        Assert.True(PostgresLocation.IsUrl(url));
        Assert.Equal(new PostgresLocation(user, host, port, database, passFile), PostgresLocation.Parse(url));
    }

    [Fact]
    public void A_location_is_shown_as_a_url_that_reads_back_as_itself()
    {
        var location = new PostgresLocation("pxe@kit", "fd00::5", 5433, "my leases", "/etc/pxekit/pg pass");

        Assert.Equal("postgresql://pxe%40kit@[fd00::5]:5433/my%20leases?passfile=/etc/pxekit/pg%20pass", location.ToString());
        Assert.Equal(location, PostgresLocation.Parse(location.ToString()));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("mysql://pxekit@db:3306/leases", "does not start with postgresql:// or postgres://")]
    [InlineData("postgresql://pxekit@db:5432", "names no database (the /DB at the end)")]
    [InlineData("postgresql://pxekit@db:5432/", "names no database (the /DB at the end)")]
    [InlineData("postgresql://db:5432/leases", "names no user (the USER@ before the host)")]
    [InlineData("postgresql://pxekit:secret@db:5432/leases", "carries a password: give it in a passfile (?passfile=PATH, PGPASSFILE or ~/.pgpass) or PGPASSWORD, not in the URL")]
    [InlineData("postgresql://pxekit@:5432/leases", "names no host")]
    [InlineData("postgresql://pxekit@db:http/leases", "has port 'http', not a number from 1 to 65535")]
    [InlineData("postgresql://pxekit@db:70000/leases", "has port '70000', not a number from 1 to 65535")]
    [InlineData("postgresql://pxekit@db:-1/leases", "has port '-1', not a number from 1 to 65535")]
    [InlineData("postgresql://pxekit@[fd00::5/leases", "has a '[' before the host with no ']' after it")]
    [InlineData("postgresql://pxekit@[fd00::5]x/leases", "has 'x' after the host, where a :PORT or the /DB belongs")]
    [InlineData("postgresql://pxekit@db/a/b", "has a database name with a '/' in it (a/b)")]
    [InlineData("postgresql://pxekit@db/leases?sslmode=require", "has the parameter 'sslmode', which pxekit does not know (it knows passfile)")]
    [InlineData("postgresql://pxekit@db/leases?passfile=", "has a passfile parameter with no path")]
    public void A_bad_url_is_refused_saying_what_is_wrong(string url, string reason)
    {
        Assert.False(PostgresLocation.TryParse(url, out var location, out var error));
        Assert.Null(location);
        Assert.Equal($"the lease database URL '{url}' {reason}; the form is postgresql://USER@HOST:PORT/DB", error);
        Assert.Equal(error, Assert.Throws<FormatException>(() => PostgresLocation.Parse(url)).Message);
    }

    [Theory]
    [InlineData("/var/lib/pxekit/leases.db")]
    [InlineData(":memory:")]
    public void A_file_path_is_not_a_url(string path) => Assert.False(PostgresLocation.IsUrl(path));
}
