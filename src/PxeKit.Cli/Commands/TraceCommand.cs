using System.CommandLine;
using System.Globalization;
using PxeKit.Cli.Trace;
using PxeKit.Core.Capture;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit trace</c>: a live capture or a capture file told as per-client boot timelines, with the faults the wire shows.</summary>
public static class TraceCommand
{
    private static readonly Option<string> Interface = new("--interface", "-i")
    {
        Description = "Capture live on this interface (root or CAP_NET_RAW). Stops at Ctrl-C or after --duration.",
    };

    private static readonly Option<string> Read = new("--read", "-r")
    {
        Description = "Read a pcap or pcapng file (tcpdump -w, Wireshark, dumpcap, pxekit trace --write) instead of capturing.",
    };

    private static readonly Option<string> Write = new("--write", "-w")
    {
        Description = "Save every frame captured (or read) as pcapng, for Wireshark or tcpdump -r.",
    };

    private static readonly Option<double?> Duration = new("--duration")
    {
        Description = "Live: stop after this many seconds and print the story.",
    };

    private static readonly Option<string> Mac = new("--mac")
    {
        Description = "Only this client, e.g. 52:54:00:12:34:56.",
    };

    public static Command Create()
    {
        var command = new Command("trace", """
            Tell the network boots in a capture as one timeline per client, and name what went wrong.

            Every DHCP message (ports 67, 68 and 4011), TFTP transfer (the request to port 69 and the transfer
            that follows on the server's own port) and HTTP request line becomes a step, grouped by client MAC;
            TFTP and HTTP peers are tied to their MAC by the address DHCP gave them. Then the faults the wire
            alone shows are named, with the packets that show them and the fix: DISCOVERs nobody answers, two
            DHCP servers racing, an offer with no boot information and no proxyDHCP (run pxekit serve --proxy
            beside it), the same through a relay that does not reach the PXE server, a boot server on UDP 4011
            that stays silent, a missing boot file, TFTP requests nobody answers or DATA that is never
            acknowledged, and an iPXE chainload loop. A clean boot gets no verdict.

            Live, each step is printed as it is seen, and the timelines and verdicts when the capture stops.

            Examples:
              pxekit trace --interface br0 --duration 120 --write boot.pcapng
              pxekit trace --read boot.pcap
              pxekit trace -r capture.pcapng --mac 52:54:00:12:34:56
              tcpdump -i eth0 -w boot.pcap 'udp or tcp port 80' && pxekit trace -r boot.pcap

            Exit status: 0 no fault seen, 1 a fault was found, 2 bad usage or a file that is not a readable capture.
            """)
        {
            Interface, Read, Write, Duration, Mac,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, Console.Out, Console.Error, cancellationToken)));
        return command;
    }

    internal static int Run(ParseResult parse, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var request = Validate(parse, out var errors);
        if (request is null)
        {
            foreach (var message in errors)
            {
                error.WriteLine($"pxekit trace: {message}.");
            }

            error.WriteLine("pxekit trace: see pxekit trace --help.");
            return ExitCodes.BadConfiguration;
        }

        try
        {
            using var writer = request.Write is null ? null : PcapNgWriter.Create(request.Write);
            var session = new TraceSession(request, output, writer);
            return request.Read is not null ? session.ReadFile(request.Read) : session.Live(request.Interface!, cancellationToken, error);
        }
        catch (CaptureFileException e)
        {
            error.WriteLine($"pxekit trace: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"pxekit trace: cannot write {request.Write}: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
    }

    private static TraceRequest? Validate(ParseResult parse, out List<string> errors)
    {
        errors = [];
        var live = parse.GetValue(Interface);
        var file = parse.GetValue(Read);
        var write = parse.GetValue(Write);
        var duration = parse.GetValue(Duration);
        var mac = parse.GetValue(Mac);
        if ((live is null) == (file is null))
        {
            errors.Add("give either --interface IF (capture live) or --read FILE (a pcap or pcapng file), not both or neither");
        }

        if (duration is { } seconds && (seconds <= 0 || file is not null))
        {
            errors.Add(file is not null ? "--duration is for a live capture (--interface)" : "--duration must be a positive number of seconds");
        }

        if (mac is not null && !MacAddress.TryParse(mac, out _))
        {
            errors.Add($"--mac '{mac}' is not a MAC address like 52:54:00:12:34:56");
        }

        if (write is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(write));
            if (directory is not null && !Directory.Exists(directory))
            {
                errors.Add($"--write {write}: the directory {directory} does not exist");
            }
            else if (file is not null && Path.GetFullPath(write) == Path.GetFullPath(file))
            {
                errors.Add("--write must not name the file --read reads");
            }
        }

        return errors.Count > 0 ? null : new TraceRequest(live, file, write, duration is { } d ? TimeSpan.FromSeconds(d) : null, mac);
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
}
