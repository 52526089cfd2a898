using System.CommandLine;
using System.Net;
using PxeKit.Load;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit load tftp|storm|conformance</c>: PxeKit's own load generators and probe, bounded in clients and time.</summary>
public static partial class LoadCommand
{
    private static readonly Option<string> Server = new("--server") { Description = "The boot server's IPv4 address.", Required = true };

    private static readonly Option<int> Clients = new("--clients")
    {
        Description = $"How many clients at once (1-{TftpLoadRunner.MaxClients}).",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<int> Limit = new("--duration-limit")
    {
        Description = "Seconds after which every client still running stops and counts as failed.",
        DefaultValueFactory = _ => 120,
    };

    private static readonly Option<string> File = new("--file") { Description = "The file to read.", Required = true };

    private static readonly Option<int> BlockSize = new("--blksize") { Description = "blksize to ask for (RFC 2348).", DefaultValueFactory = _ => 512 };

    private static readonly Option<int> WindowSize = new("--windowsize") { Description = "windowsize to ask for (RFC 7440).", DefaultValueFactory = _ => 1 };

    private static readonly Option<int> Port = new("--port") { Description = "The server's TFTP port.", DefaultValueFactory = _ => TftpConstants.ServerPort };

    private static readonly Option<string> Sha256 = new("--sha256") { Description = "The SHA-256 every download must have (default: the one most downloads agree on)." };

    private static readonly Option<string> Interface = new("--interface", "-i") { Description = "The clients' interface (DHCP broadcasts leave from it).", Required = true };

    private static readonly Option<int> HttpPort = new("--http-port") { Description = "The server's HTTP port.", DefaultValueFactory = _ => 80 };

    private static readonly Option<string[]> HttpPaths = new("--http")
    {
        Description = "Paths each client fetches over HTTP after the boot program (default vmlinuz initrd.gz).",
        DefaultValueFactory = _ => ["vmlinuz", "initrd.gz"],
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create()
    {
        var command = new Command("load", """
            Load generators for measuring a boot server (PxeKit or another). Send load only to servers you run,
            on networks of your own (a pair of namespaces, or loopback). Both end with a line
            'result kind=... clients=... failures=... seconds=... mbps=... p50=... p99=...' for scripts.

              pxekit load tftp --server IP --file NAME [--blksize N] [--windowsize N] [--clients N]
              pxekit load storm --server IP --interface IF --clients N
              pxekit load conformance --server IP --interface IF [--range A-B] [--second-address IP] [--json FILE]
            """);
        command.Subcommands.Add(CreateTftp());
        command.Subcommands.Add(CreateStorm());
        command.Subcommands.Add(CreateConformance());
        return command;
    }

    private static Command CreateTftp()
    {
        var command = new Command("tftp", """
            Download one file over TFTP from N clients at once, each checking the length against tsize and
            hashing every byte (SHA-256). Prints MB/s for all clients together, p50 and p99 per client, failures.
            """)
        {
            Server, File, BlockSize, WindowSize, Clients, Limit, Port, Sha256,
        };
        command.SetAction(parse =>
        {
            if (!TryAddress(parse.GetValue(Server), out var server) || !InRange(parse.GetValue(Clients), TftpLoadRunner.MaxClients)
                || parse.GetValue(BlockSize) is < TftpConstants.MinBlockSize or > TftpConstants.MaxBlockSize
                || parse.GetValue(WindowSize) is < 1 or > TftpConstants.MaxWindowSize)
            {
                return ExitCodes.BadConfiguration;
            }

            var options = new TftpDownloadOptions
            {
                Server = new IPEndPoint(server, parse.GetValue(Port)),
                FileName = parse.GetValue(File)!,
                BlockSize = parse.GetValue(BlockSize),
                WindowSize = parse.GetValue(WindowSize),
            };
            var report = TftpLoadRunner.Run(options, parse.GetValue(Clients), TimeSpan.FromSeconds(parse.GetValue(Limit)), parse.GetValue(Sha256));
            Console.WriteLine(report.ToText());
            return report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command CreateStorm()
    {
        var command = new Command("storm", """
            Play N PXE machines powered on together (BIOS, UEFI x64 and arm64 in turn, each with its own MAC):
            DHCP DISCOVER and REQUEST with PXE options, the boot program named in the ACK over TFTP, then the
            --http paths from the server. Run it as root in the clients' namespace: it uses UDP port 68.
            """)
        {
            Server, Interface, Clients, HttpPort, HttpPaths, Limit,
        };
        command.SetAction(parse =>
        {
            if (!TryAddress(parse.GetValue(Server), out var server) || !InRange(parse.GetValue(Clients), StormOptions.MaxClients))
            {
                return ExitCodes.BadConfiguration;
            }

            var report = StormRunner.Run(new StormOptions
            {
                Server = server,
                Interface = parse.GetValue(Interface)!,
                Clients = parse.GetValue(Clients),
                HttpPort = parse.GetValue(HttpPort),
                HttpPaths = parse.GetValue(HttpPaths) ?? [],
                Limit = TimeSpan.FromSeconds(parse.GetValue(Limit)),
            });
            Console.WriteLine(report.ToText());
            return report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static bool TryAddress(string? text, out IPAddress address)
    {
        if (IPAddress.TryParse(text, out address!) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return true;
        }

        Console.Error.WriteLine($"pxekit: --server '{text}' is not an IPv4 address.");
        return false;
    }

    private static bool InRange(int clients, int max)
    {
        if (clients is >= 1 && clients <= max)
        {
            return true;
        }

        Console.Error.WriteLine($"pxekit: --clients must be between 1 and {max}.");
        return false;
    }
}
