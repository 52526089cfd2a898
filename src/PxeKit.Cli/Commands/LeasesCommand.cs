using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PxeKit.Core.Capture;
using PxeKit.Server.Leases;
using Command = System.CommandLine.Command;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit leases list|audit</c>: read the lease database of a server, running or not.</summary>
public static class LeasesCommand
{
    private static readonly Option<string> Database = new("--db", "--lease-db")
    {
        Description = "The lease database (serve's --lease-db): an SQLite file, or postgresql://USER@HOST:PORT/DB (password from ?passfile= or the PG environment).",
        Required = true,
    };

    private static readonly Option<string> Capture = new("--pcap")
    {
        Description = "A capture (pcap or pcapng: tcpdump -w, pxekit trace --write) of the server's DHCP traffic: every lease it shows ACKed must be in the database. A last record cut short (tcpdump still writing, or killed) is left out.",
    };

    public static Command Create()
    {
        var list = new Command("list", "Print every lease: address, MAC, expiry (UTC), the client identifier it is keyed by (- when by MAC), host name.") { Database };
        list.SetAction(parse => Run(parse, leases =>
        {
            foreach (var lease in leases)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{lease.Address,-15}  {lease.Mac}  {lease.Expires:yyyy-MM-dd HH:mm:ss}  {lease.Client.Identifier ?? "-"}  {lease.HostName}").TrimEnd());
            }

            Console.WriteLine($"{leases.Count} leases");
            return ExitCodes.Success;
        }));

        var audit = new Command("audit", """
            Check the lease database: no address held by two clients and, with --pcap, every lease the capture saw
            ACKed still there (unless a later ACK or a RELEASE in the capture ended it). Exit status 1 when
            anything is wrong, with one line per finding.

            Example, after a crash:
              pxekit leases audit --db /var/lib/pxekit/leases.db --pcap dhcp.pcap
            """)
        {
            Database, Capture,
        };
        audit.SetAction(parse => Run(parse, leases =>
        {
            var pcap = parse.GetValue(Capture);
            var report = LeaseAudit.Run(leases, pcap is null ? [] : LeaseCapture.Read(pcap));
            foreach (var line in report.Describe())
            {
                Console.WriteLine(line);
            }

            return report.Clean ? ExitCodes.Success : ExitCodes.Failure;
        }));

        return new Command("leases", "Read a lease database: list the leases, or audit them against a capture.") { list, audit };
    }

    private static int Run(ParseResult parse, Func<IReadOnlyList<Lease>, int> action)
    {
        try
        {
            return action(LeaseAudit.LoadStore(parse.GetValue(Database)!));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SqliteException or UnauthorizedAccessException or CaptureFileException or LeaseDatabaseVersionException
            or FormatException or PxeKit.Server.Leases.Postgres.LeaseDatabaseUnreachableException)
        {
            Console.Error.WriteLine($"pxekit: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
    }
}
