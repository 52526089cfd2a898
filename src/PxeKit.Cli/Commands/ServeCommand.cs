using System.CommandLine;
using System.Net.Sockets;
using PxeKit.Cli.Config;
using PxeKit.Cli.Explain;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Core.Metrics;
using ServingUser = PxeKit.Core.Processes.ServingUser;
using PxeKit.Core.Systemd;
using PxeKit.Host;
using PxeKit.Server.Leases;
using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit serve</c>: DHCP and TFTP on one interface until Ctrl-C.</summary>
public static class ServeCommand
{
    internal static readonly Option<string[]> InterfaceOption = new("--interface", "-i")
    {
        Description = "Interface to serve on (its IPv4 address is the server address). Sockets are bound to it: nothing is answered elsewhere. "
            + "Give it once for each interface to serve several (each gets the default range of its subnet; see 'interfaces:' in docs/configuration.md).",
    };

    internal static readonly Option<string> RootOption = new("--root", "-r")
    {
        Description = "Directory served over TFTP. Nothing outside it is ever sent: '..', absolute paths and symlinks out are refused.",
    };

    internal static readonly Option<string> DhcpRangeOption = new("--dhcp-range")
    {
        Description = "Addresses to hand out, FIRST-LAST (e.g. 10.47.0.100-10.47.0.199). Default: the upper half of the interface's subnet.",
    };

    internal static readonly Option<string> BootFileOption = new("--bootfile", "-b")
    {
        Description = "Boot program offered to every client, relative to --root (e.g. pxelinux.0).",
    };

    internal static readonly Option<string> LeaseDbOption = new("--lease-db")
    {
        Description = $"SQLite file the leases are kept in across restarts (default {ServeSettingsBuilder.DefaultLeaseDb}; ':memory:' keeps nothing), "
            + "or a PostgreSQL database: postgresql://USER@HOST:PORT/DB (password from PGPASSWORD, PGPASSFILE, ~/.pgpass or ?passfile=PATH; docs/scale-out.md).",
    };

    internal static readonly Option<string> ConfigPathOption = new("--config", "-c")
    {
        Description = "YAML configuration file (see docs/configuration.md). Command-line options win over it.",
    };

    internal static readonly Option<bool> NoDhcpOption = new("--no-dhcp")
    {
        Description = "Serve TFTP only (another DHCP server on the network points clients here).",
    };

    internal static readonly Option<bool> ProxyOption = new("--proxy")
    {
        Description = "ProxyDHCP: another DHCP server hands out addresses; PxeKit only adds boot information for PXE and HTTP Boot clients (and answers on port 4011).",
    };

    internal static readonly Option<int?> HttpPortOption = new("--http-port")
    {
        Description = "Port of the HTTP boot server (iPXE scripts, kernels, UEFI HTTP Boot), serving the same root. Default 80; 0 turns it off.",
    };

    private static readonly Option<int?> ManagementPortOption = new("--management-port")
    {
        Description = "Serve the management listener on 127.0.0.1:PORT: the dashboard at /, the API at /api/v1/ (docs/api.md), Prometheus metrics at /metrics (docs/metrics.md). Off unless given here or in 'management:'.",
    };

    private static readonly Option<string?> BootApiOption = new("--boot-api")
    {
        Description = "Ask this external boot API what each machine boots, as pixiecore's API mode does: GET URL/v1/boot/MAC (docs/boot-api.md); a machine's profile is the fallback.",
    };

    internal static readonly Option<bool> AllowWriteOption = new("--allow-write")
    {
        Description = "Accept TFTP write requests into the root (new files only). Off by default.",
    };

    internal static readonly Option<bool> NoCaptureOption = new("--no-capture")
    {
        Description = "Do not watch the interface with a packet capture. By default PxeKit compares what reaches the wire with what reaches its sockets, to name a firewall that drops DHCP requests.",
    };

    private static readonly Option<string?> RouterAdvertisementsOption = new("--router-advertisements")
    {
        Description = "'quiet' answers IPv6 router solicitations, to the asking host alone, with an advertisement that configures nothing: "
            + "iPXE then stops waiting ~13 s for IPv6 on a segment without a router; silent while a real router advertises. "
            + "'managed' advertises the managed flag and the interface's prefix, for DHCPv6 netboot where no router does. Default 'off'.",
    };

    private static readonly Option<string> UserOption = new("--user", "-u")
    {
        Description = $"User to serve as when started as root (default: '{ServingUser.Preferred}' if the host has it, else '{ServingUser.Fallback}'); "
            + "it keeps only the capabilities serving needs (docs/security.md). 'root' stays root.",
    };

    /// <summary>The size at which the events file is moved to FILE.1 and a new one started.</summary>
    private const long EventsFileBytes = 64L * 1024 * 1024;

    private static readonly Option<string> Events = new("--events")
    {
        Description = "Also write every journal event as a JSON line to this file ('-' for standard output); "
            + "at 64 MiB it moves to FILE.1 (three old files are kept). Serving never waits for it: what a stalled reader or a full disk misses is counted.",
    };

    private static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail (every datagram that is not for us).",
    };

    public static Command Create()
    {
        var command = new Command("serve", """
            Serve DHCP (full, or proxyDHCP with --proxy; plus the PXE boot server on port 4011), TFTP and HTTP
            on one interface until Ctrl-C. What each client boots comes from --bootfile or from the profiles of the
            configuration file (by architecture, vendor class, user class, MAC or group). Each client step is
            printed as one line: time, MAC, step, detail.
            SIGHUP (systemctl reload) reads the configuration again: profiles and scopes change for the next request,
            leases are kept; a configuration with mistakes is refused and the running one kept (docs/configuration.md).
            Exit status: 0 after Ctrl-C, 1 when a listener fails, 2 for a bad configuration.

            Example:
              sudo pxekit serve --interface eth1 --root /srv/tftp --bootfile pxelinux.0 --dhcp-range 192.168.50.100-192.168.50.199
              sudo pxekit serve --interface eth1 --proxy --config pxekit.yaml
            """)
        {
            InterfaceOption, RootOption, DhcpRangeOption, BootFileOption, LeaseDbOption, ConfigPathOption, ProxyOption, HttpPortOption, ManagementPortOption, BootApiOption, NoDhcpOption, AllowWriteOption, NoCaptureOption, RouterAdvertisementsOption, UserOption, Events, Verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var arguments = Arguments(parse);

        var errors = new List<string>();
        var settings = new ServeSettingsBuilder().Build(arguments, errors);
        if (settings is null)
        {
            ReportErrors(errors);
            return ExitCodes.BadConfiguration;
        }

        var eventsPath = parse.GetValue(Events);
        if (LeaveRoot(settings, parse.GetValue(UserOption), eventsPath, arguments.ConfigPath) is { } refused)
        {
            return refused;
        }

        using var loggerFactory = Logging.Create(parse.GetValue(Verbose));
        using var eventsFile = OpenEvents(eventsPath);

        // The terminal and the events file are written off the reply path, each on a queue of its own, so that one that
        // stalls (a paused terminal, a reader that stopped, a full disk) costs serving and the other nothing; disposed
        // (drained) first.
        // Under systemd the lines go to journald with their fields instead (docs/install.md), on the same kind of queue.
        using var journald = JournalSocket.IsJournalAvailable(Environment.GetEnvironmentVariable) ? new JournalSocket() : null;
        using var notifier = SystemdNotifier.FromEnvironment();
        using var terminal = new QueuedJournalSink([journald is null ? new ConsoleJournalSink(Console.Out) : new SystemdJournalSink(journald)], QueuedJournalSink.DefaultCapacity, Failed);
        using var events = eventsFile is null ? null : new QueuedJournalSink([eventsFile], QueuedJournalSink.DefaultCapacity, Failed);
        IReadOnlyList<IBootEventSink> output = events is null ? [terminal] : [terminal, events];

        // Counted from every event, on the journal's own thread: cheap, and never waits.
        using var metrics = new BootMetrics();
        metrics.ObserveDroppedEvents("terminal", () => terminal.Dropped);
        if (events is not null)
        {
            metrics.ObserveDroppedEvents("events", () => events.Dropped);
        }

        foreach (var warning in settings.Warnings)
        {
            await Console.Error.WriteLineAsync($"pxekit: warning: {warning}.").ConfigureAwait(false);
        }

        try
        {
            await Console.Error.WriteLineAsync(Summary(settings)).ConfigureAwait(false);
            var host = new ServerHost(settings, output, loggerFactory) { Notifier = notifier, Metrics = metrics, Explainer = new ClientExplainer() };
            using var reload = new ServeReload(host, arguments);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            await Console.Error.WriteLineAsync($"pxekit: a port PxeKit needs is already in use on {settings.InterfaceNames} ({e.Message}); 'ss -ulpn' and 'ss -tlpn' show which program holds 67, 69, 4011 or 80.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            await Console.Error.WriteLineAsync($"pxekit: not allowed to open ports 67, 69, 4011 and 80 ({e.Message}); run as root (sudo).").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is LeaseDatabaseInUseException or LeaseDatabaseDamagedException or LeaseDatabaseVersionException or LeaseDatabaseUnreachableException or IOException)
        {
            // IOException: the management listener's port is taken, say (its message names the address).
            await Console.Error.WriteLineAsync($"pxekit: {e.Message}.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (ListenerStoppedException e)
        {
            // Every listener has been stopped with it: exit, so that systemd (or whoever runs this) sees the failure and
            // restarts it, rather than a process that looks alive and answers nobody.
            await Console.Error.WriteLineAsync($"pxekit: {e.Message}; serving has stopped.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// Started as root, the server becomes its user before it opens anything (<see cref="Privileges.BecomeAndExecute"/>:
    /// it executes itself again, and this runs a second time as that user). Null to go on serving; else the exit status.
    /// </summary>
    private static int? LeaveRoot(ServeSettings settings, string? userName, string? eventsPath, string? configPath)
    {
        var marker = Environment.GetEnvironmentVariable(ServingUser.Marker);
        if (!Privileges.IsRoot)
        {
            if (marker is not null)
            {
                Console.Error.WriteLine($"pxekit: serving as user {marker}, with {ServingUser.DescribeCapabilities()} only.");
            }

            return null;
        }

        var user = ServingUser.Resolve(userName, out var error);
        if (user is null)
        {
            ReportErrors([error!]);
            return ExitCodes.BadConfiguration;
        }

        if (marker is not null)
        {
            // Only serve's own change of user sets it, and that image is not root: never loop, never serve as root by accident.
            Console.Error.WriteLine($"pxekit: {ServingUser.Marker} is set, yet this process is root: it was not started by serve's own change of user; unset it.");
            return ExitCodes.Failure;
        }

        if (user.IsRoot)
        {
            Console.Error.WriteLine("pxekit: serving as root, as --user root asks: every listener keeps every privilege.");
            return null;
        }

        var problems = ServingUserPreparation.Prepare(settings, user, eventsPath, configPath);
        if (problems.Count > 0)
        {
            ReportErrors(problems);
            return ExitCodes.BadConfiguration;
        }

        var failure = Privileges.BecomeAndExecute(user, ServingUser.Capabilities, new(ServingUser.Marker, user.Name));
        Console.Error.WriteLine($"pxekit: cannot become user {user.Name}: {failure}; serving has not started.");
        return ExitCodes.Failure;
    }

    /// <summary>The serve options as given on this command line (explain shares them).</summary>
    internal static ServeArguments Arguments(ParseResult parse) => new()
    {
        ConfigPath = parse.GetValue(ConfigPathOption),
        Interfaces = parse.GetValue(InterfaceOption) ?? [],
        Root = parse.GetValue(RootOption),
        DhcpRange = parse.GetValue(DhcpRangeOption),
        BootFile = parse.GetValue(BootFileOption),
        LeaseDb = parse.GetValue(LeaseDbOption),
        AllowWrite = parse.GetResult(AllowWriteOption) is null ? null : parse.GetValue(AllowWriteOption),
        NoDhcp = parse.GetValue(NoDhcpOption),
        Proxy = parse.GetValue(ProxyOption),
        HttpPort = parse.GetValue(HttpPortOption),
        ManagementPort = parse.GetValue(ManagementPortOption),
        NoCapture = parse.GetValue(NoCaptureOption),
        BootApi = parse.GetValue(BootApiOption),
        RouterAdvertisements = parse.GetValue(RouterAdvertisementsOption),
    };

    /// <summary>The events file: appended to, and rotated at <see cref="EventsFileBytes"/> with three old files kept.</summary>
    private static JsonLinesJournalSink? OpenEvents(string? path) => path switch
    {
        null => null,
        "-" => new JsonLinesJournalSink(Console.Out),
        _ => new JsonLinesJournalSink(new RotatingFileWriter(path, EventsFileBytes, keep: 3)),
    };

    /// <summary>An output that stopped taking events (a full disk, a closed terminal), said once on stderr; serving goes on.</summary>
    private static void Failed(IBootEventSink sink, Exception e)
    {
        var what = sink is JsonLinesJournalSink ? "the events file" : "the terminal";
        try
        {
            Console.Error.WriteLine($"pxekit: {what} cannot be written ({e.Message}): its events are dropped until it can be, and serving goes on.");
        }
        catch (IOException)
        {
            // Nowhere left to say it.
        }
    }

    private static string Summary(ServeSettings s)
    {
        var dhcp = s.Mode switch
        {
            ServeMode.Full => $"DHCP {string.Join(", ", s.Scopes.Select(c => $"{c.RangeStart}-{c.RangeEnd}"))} (leases in {s.LeaseDb})",
            ServeMode.Proxy => "proxyDHCP (addresses come from the network's DHCP server)",
            _ => "no DHCP",
        };
        var http = s.HttpPort is { } port ? $"HTTP port {port}" : "no HTTP";
        var profiles = string.Join(", ", s.Profiles.Select(p => p.Name));
        var where = string.Join(", ", s.Interfaces.Select(i => $"{i.Name} ({i.Address})"));
        return $"pxekit: serving on {where}: {dhcp}, TFTP and {http} from {s.Root}; profiles: {profiles}";
    }

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
