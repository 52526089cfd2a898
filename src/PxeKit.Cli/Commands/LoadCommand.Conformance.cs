using System.CommandLine;
using System.Net;
using PxeKit.Load.Conformance;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Commands;

public static partial class LoadCommand
{
    private static readonly Option<string> ProbeServer = new("--server") { Description = "The server's IPv4 address on the probe's segment (its server identifier)." };

    private static readonly Option<string> ProbeInterface = new("--interface", "-i") { Description = "The interface the probe's packets leave from (SO_BINDTODEVICE)." };

    private static readonly Option<string> Range = new("--range") { Description = "The server's dynamic range, FIRST-LAST: offered addresses are checked against it." };

    private static readonly Option<string> SecondAddress = new("--second-address")
    {
        Description = "A second address of this namespace on the segment: plays a relay agent (port 67) and the host that holds TFTP transfers.",
    };

    private static readonly Option<string> Reserved = new("--reserved") { Description = "A reservation the server has, MAC=ADDRESS: checked after the pool is starved." };

    private static readonly Option<string> TftpFile = new("--tftp-file") { Description = "A file the server serves over TFTP, for the held-transfers case." };

    private static readonly Option<int> HeldRequests = new("--held-requests")
    {
        Description = $"Read requests the held-TFTP case leaves unacknowledged (1-{ConformanceOptions.MaxHeldRequests}).",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<int> Starve = new("--starve")
    {
        Description = $"The most forged clients the starvation case plays (1-{ConformanceOptions.MaxStarve}); more than the pool holds.",
        DefaultValueFactory = _ => 300,
    };

    private static readonly Option<bool> LogStalled = new("--log-stalled") { Description = "The server was started with its log output a pipe nobody reads: run the stalled-log case." };

    private static readonly Option<string[]> Only = new("--only") { Description = "Case ids or prefixes to run (2131, 6842, hostile, forged ...).", AllowMultipleArgumentsPerToken = true };

    private static readonly Option<string> JsonFile = new("--json") { Description = "Also write the results to this file, for --compare." };

    private static readonly Option<bool> List = new("--list") { Description = "Print the cases (id, RFC section, what is sent and expected) and exit." };

    private static readonly Option<string[]> CompareFiles = new("--compare")
    {
        Description = "Print runs side by side as a Markdown table instead of probing: NAME=FILE for each --json file.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static Command CreateConformance()
    {
        var command = new Command("conformance", """
            Play RFC 2131/2132/3046/6842 cases and forged peers against the DHCP and TFTP server on --interface's
            segment, whatever server it is (PxeKit, Kea, dnsmasq ...), with crafted packets from this namespace.
            Each case prints pass, FAIL (with what came back) or n/a (with what it needs). Run it as root inside a
            client namespace of your own: it uses UDP ports 67 and 68, starves the server's pool, and floods it with held
            TFTP requests, so run it only against a server you started for it.

              pxekit load conformance -i veth-c --server 10.49.0.1 --range 10.49.0.100-10.49.0.199 \
                --second-address 10.49.0.254 --tftp-file boot.bin --json pxekit.json
              pxekit load conformance --compare pxekit=pxekit.json kea=kea.json dnsmasq=dnsmasq.json
              pxekit load conformance --list
            """)
        {
            ProbeServer, ProbeInterface, Range, SecondAddress, Reserved, TftpFile, HeldRequests, Starve, LogStalled, Only, JsonFile, List, CompareFiles,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(List))
            {
                foreach (var c in ConformanceCases.All)
                {
                    Console.WriteLine($"{c.Id}  ({c.Section}, {c.Level})\n  sends:   {c.Sends}\n  expects: {c.Expects}");
                }

                return ExitCodes.Success;
            }

            if (parse.GetValue(CompareFiles) is { Length: > 0 } compare)
            {
                return Compare(compare);
            }

            if (!TryProbeOptions(parse, out var options))
            {
                return ExitCodes.BadConfiguration;
            }

            var report = ConformanceRunner.Run(options, r => Console.Error.WriteLine($"{r.Outcome,-13} {r.Id} ({r.Seconds:F1} s)"));
            Console.WriteLine(report.ToText());
            if (parse.GetValue(JsonFile) is { } json)
            {
                report.WriteJson(json);
            }

            return report.Count(ConformanceOutcome.Fail) == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static int Compare(string[] pairs)
    {
        var reports = new List<(string, ConformanceReport)>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Console.Error.WriteLine($"pxekit: --compare '{pair}' is not NAME=FILE.");
                return ExitCodes.BadConfiguration;
            }

            if (ConformanceReport.TryLoad(pair[(equals + 1)..], out var error) is not { } report)
            {
                Console.Error.WriteLine($"pxekit: --compare: {error}");
                return ExitCodes.BadConfiguration;
            }

            reports.Add((pair[..equals], report));
        }

        Console.Write(ConformanceReport.Compare(reports));
        return ExitCodes.Success;
    }

    private static bool TryProbeOptions(ParseResult parse, out ConformanceOptions options)
    {
        options = null!;
        var errors = new List<string>();
        var iface = parse.GetValue(ProbeInterface);
        if (string.IsNullOrEmpty(iface))
        {
            errors.Add("--interface is required: the probe's packets leave from it.");
        }

        if (!IPAddress.TryParse(parse.GetValue(ProbeServer), out var server) || server.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            errors.Add($"--server '{parse.GetValue(ProbeServer)}' is not an IPv4 address.");
        }

        (IPAddress, IPAddress)? range = null;
        if (parse.GetValue(Range) is { } rangeText)
        {
            var parts = rangeText.Split('-', 2);
            if (parts.Length == 2 && IPAddress.TryParse(parts[0], out var first) && IPAddress.TryParse(parts[1], out var last)
                && Ipv4.FromAddress(first) <= Ipv4.FromAddress(last))
            {
                range = (first, last);
            }
            else
            {
                errors.Add($"--range '{rangeText}' is not FIRST-LAST, two IPv4 addresses in order.");
            }
        }

        IPAddress? second = null;
        if (parse.GetValue(SecondAddress) is { } secondText && !IPAddress.TryParse(secondText, out second))
        {
            errors.Add($"--second-address '{secondText}' is not an IPv4 address.");
        }

        (byte[], IPAddress)? reserved = null;
        if (parse.GetValue(Reserved) is { } reservedText)
        {
            var parts = reservedText.Split('=', 2);
            if (parts.Length == 2 && MacAddress.TryParse(parts[0], out var mac) && IPAddress.TryParse(parts[1], out var address))
            {
                reserved = (mac, address);
            }
            else
            {
                errors.Add($"--reserved '{reservedText}' is not MAC=ADDRESS.");
            }
        }

        if (parse.GetValue(HeldRequests) is < 1 or > ConformanceOptions.MaxHeldRequests)
        {
            errors.Add($"--held-requests must be between 1 and {ConformanceOptions.MaxHeldRequests}.");
        }

        if (parse.GetValue(Starve) is < 1 or > ConformanceOptions.MaxStarve)
        {
            errors.Add($"--starve must be between 1 and {ConformanceOptions.MaxStarve}.");
        }

        var only = (parse.GetValue(Only) ?? []).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var unknown = only.Where(o => !ConformanceCases.All.Any(c => c.Id.StartsWith(o, StringComparison.Ordinal))).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"--only {string.Join(", ", unknown)} names no case (--list prints them).");
        }

        foreach (var error in errors)
        {
            Console.Error.WriteLine("pxekit: " + error);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        options = new ConformanceOptions
        {
            Interface = iface!,
            Server = server!,
            Range = range,
            SecondAddress = second,
            Reserved = reserved,
            TftpFile = parse.GetValue(TftpFile),
            HeldRequests = parse.GetValue(HeldRequests),
            Starve = parse.GetValue(Starve),
            LogStalled = parse.GetValue(LogStalled),
            Only = only,
        };
        return true;
    }
}
