using System.CommandLine;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Cli.Config;
using PxeKit.Cli.Rendering;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Journal;
using PxeKit.Server.Leases;
using PxeKit.Server.Tftp;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit serve</c>: DHCP and TFTP on one interface until Ctrl-C.</summary>
public static class ServeCommand
{
    private static readonly Option<string> Interface = new("--interface", "-i")
    {
        Description = "Interface to serve on (its IPv4 address is the server address). Sockets are bound to it: nothing is answered elsewhere.",
    };

    private static readonly Option<string> Root = new("--root", "-r")
    {
        Description = "Directory served over TFTP. Nothing outside it is ever sent: '..', absolute paths and symlinks out are refused.",
    };

    private static readonly Option<string> DhcpRange = new("--dhcp-range")
    {
        Description = "Addresses to hand out, FIRST-LAST (e.g. 10.47.0.100-10.47.0.199). Default: the upper half of the interface's subnet.",
    };

    private static readonly Option<string> BootFile = new("--bootfile", "-b")
    {
        Description = "Boot program offered to every client, relative to --root (e.g. pxelinux.0).",
    };

    private static readonly Option<string> LeaseDb = new("--lease-db")
    {
        Description = $"SQLite file the leases are kept in across restarts (default {ServeSettingsBuilder.DefaultLeaseDb}; ':memory:' keeps nothing).",
    };

    private static readonly Option<string> ConfigPath = new("--config", "-c")
    {
        Description = "YAML configuration file (see docs/configuration.md). Command-line options win over it.",
    };

    private static readonly Option<bool> NoDhcp = new("--no-dhcp")
    {
        Description = "Serve TFTP only (another DHCP server on the network points clients here).",
    };

    private static readonly Option<bool> AllowWrite = new("--allow-write")
    {
        Description = "Accept TFTP write requests into the root (new files only). Off by default.",
    };

    private static readonly Option<string> Events = new("--events")
    {
        Description = "Also write every journal event as a JSON line to this file ('-' for standard output).",
    };

    private static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail (every datagram that is not for us).",
    };

    public static Command Create()
    {
        var command = new Command("serve", """
            Serve DHCP and TFTP on one interface until Ctrl-C. Each client step is printed as one line:
            time, MAC, step, detail. Exit status: 0 after Ctrl-C, 1 when a listener fails, 2 for a bad configuration.

            Example:
              sudo pxekit serve --interface eth1 --root /srv/tftp --bootfile pxelinux.0 --dhcp-range 192.168.50.100-192.168.50.199
            """)
        {
            Interface, Root, DhcpRange, BootFile, LeaseDb, ConfigPath, NoDhcp, AllowWrite, Events, Verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var arguments = new ServeArguments
        {
            ConfigPath = parse.GetValue(ConfigPath),
            Interface = parse.GetValue(Interface),
            Root = parse.GetValue(Root),
            DhcpRange = parse.GetValue(DhcpRange),
            BootFile = parse.GetValue(BootFile),
            LeaseDb = parse.GetValue(LeaseDb),
            AllowWrite = parse.GetResult(AllowWrite) is null ? null : parse.GetValue(AllowWrite),
            NoDhcp = parse.GetValue(NoDhcp),
        };

        var errors = new List<string>();
        var settings = new ServeSettingsBuilder().Build(arguments, errors);
        if (settings is null)
        {
            ReportErrors(errors);
            return ExitCodes.BadConfiguration;
        }

        using var loggerFactory = Logging.Create(parse.GetValue(Verbose));
        var sinks = new List<IBootEventSink> { new ConsoleJournalSink(Console.Out) };
        using var eventsFile = OpenEvents(parse.GetValue(Events));
        if (eventsFile is not null)
        {
            sinks.Add(eventsFile);
        }

        var journal = new BootJournal(sinks);
        var time = TimeProvider.System;
        try
        {
            using var store = OpenLeaseStore(settings.LeaseDb);
            using var dhcp = CreateDhcp(settings, store, journal, loggerFactory, time);
            var tftp = new TftpServer(
                new TftpServerOptions { Root = settings.Root, Interface = settings.Interface, AllowWrite = settings.AllowWrite },
                loggerFactory.CreateLogger<TftpServer>(),
                journal,
                time);

            Console.Error.WriteLine(Summary(settings));
            var tasks = new List<Task> { tftp.RunAsync(cancellationToken) };
            if (dhcp is not null)
            {
                tasks.Add(dhcp.RunAsync(cancellationToken));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            await Console.Error.WriteLineAsync($"pxekit: a port PxeKit needs is already in use on {settings.Interface} ({e.Message}); 'ss -ulpn' shows which program holds 67 or 69.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            await Console.Error.WriteLineAsync($"pxekit: not allowed to open ports 67 and 69 ({e.Message}); run as root (sudo).").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    private static DhcpServer? CreateDhcp(ServeSettings settings, ILeaseStore store, IBootJournal journal, ILoggerFactory loggerFactory, TimeProvider time)
    {
        if (settings.Scope is null)
        {
            return null;
        }

        var scopes = new DhcpScopes([settings.Scope]);
        var policy = new StaticBootPolicy(settings.BootFile is null ? null : new BootAnswer(settings.BootFile));
        var handler = new FullDhcpHandler(scopes, new LeasePool(store, time), policy, journal, loggerFactory.CreateLogger<FullDhcpHandler>(), time);
        return new DhcpServer(new DhcpServerOptions { Scopes = scopes.All }, handler, loggerFactory);
    }

    private static ILeaseStore OpenLeaseStore(string path) =>
        path == ":memory:" ? new InMemoryLeaseStore() : new SqliteLeaseStore(path);

    private static JsonLinesJournalSink? OpenEvents(string? path) => path switch
    {
        null => null,
        "-" => new JsonLinesJournalSink(Console.Out),
        _ => new JsonLinesJournalSink(new StreamWriter(path, append: true)),
    };

    private static string Summary(ServeSettings s) => s.Scope is { } scope
        ? $"pxekit: serving on {s.Interface} ({scope.ServerAddress}): DHCP {scope.RangeStart}-{scope.RangeEnd}, TFTP root {s.Root}, boot file {s.BootFile ?? "(none)"}, leases in {s.LeaseDb}"
        : $"pxekit: serving TFTP on {s.Interface}, root {s.Root} (DHCP off)";

    internal static void ReportErrors(IReadOnlyList<string> errors)
    {
        if (errors.Count == 1)
        {
            Console.Error.WriteLine($"pxekit: {errors[0]}.");
            return;
        }

        Console.Error.WriteLine($"pxekit: the configuration has {errors.Count} mistakes:");
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"  - {error}");
        }
    }
}
