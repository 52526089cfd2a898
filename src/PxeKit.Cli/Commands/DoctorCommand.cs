using System.CommandLine;
using PxeKit.Cli.Config;
using PxeKit.Cli.Doctor;
using PxeKit.Core.Net;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit doctor</c>: everything that keeps machines from booting from this host, found before anything boots.</summary>
public static class DoctorCommand
{
    private static readonly Option<bool> NoProbe = new("--no-probe") { Description = "Do not send probe DISCOVERs (nothing is sent on the network)." };

    private static readonly Option<double> ProbeWait = new("--probe-wait")
    {
        Description = "Seconds to wait for answers to each probe DISCOVER (default 2).",
        DefaultValueFactory = _ => 2,
    };

    public static Command Create()
    {
        var command = new Command("doctor", """
            Check this host before anything boots from it, and say what to fix:
              interface   up, linked, addressed
              ports       who holds UDP 67, 69, 4011 and the HTTP port (another DHCP or TFTP server?)
              firewall    iptables, iptables-legacy and nft rules that drop DHCP, TFTP, port 4011 or HTTP,
                          in or out, and forwarded on a bridge with bridge netfilter on; each with the command that fixes it
              bridge      bridge netfilter, and the TFTP conntrack helper
              boot files  every file the configuration sends: there, readable, built for its firmware, not too big for TFTP
              probe       PXE DISCOVERs as BIOS, UEFI x64, ARM64 and HTTP Boot clients: every server that answers, and what it offers
            Give the same configuration as serve (--config, or --root and --bootfile) to check the boot files.
            Exit status: 0 when nothing is an error, 1 when something is, 2 for bad usage.

            Examples:
              sudo pxekit doctor --interface eth1
              sudo pxekit doctor --config pxekit.yaml
              sudo pxekit doctor --interface eth1 --root /srv/tftp --bootfile pxelinux.0 --no-probe
            """)
        {
            ServeCommand.InterfaceOption, ServeCommand.ConfigPathOption, ServeCommand.RootOption, ServeCommand.BootFileOption,
            ServeCommand.ProxyOption, ServeCommand.HttpPortOption, NoProbe, ProbeWait,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var wait = parse.GetValue(ProbeWait);
        if (wait is <= 0 or > 60)
        {
            await Console.Error.WriteLineAsync("pxekit: --probe-wait must be between 0 and 60 seconds.").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        var arguments = ServeCommand.Arguments(parse) with { LeaseDb = ":memory:" };
        var config = new ConfigProblems();
        var subject = Subject(arguments, config) with
        {
            Probe = !parse.GetValue(NoProbe),
            ProbeWait = TimeSpan.FromSeconds(wait),
        };

        var result = await PxeKit.Diagnostics.Doctor.Doctor.Default(new RouterAdvertisementCheck(Server.Ipv6.RouterSolicitor.SolicitAsync)).ExamineAsync(subject, cancellationToken).ConfigureAwait(false);
        DoctorReport.Write(Console.Out, $"pxekit doctor: {subject.Interface ?? "no interface"}{(subject.Root is { } root ? $", boot root {root}" : "")}", result, config);
        return DoctorReport.HasErrors(result, config) ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>
    /// With a configuration (or a root), the subject is what serve would serve; its mistakes become findings, and
    /// the interface and root as given are still examined.
    /// </summary>
    private static DoctorSubject Subject(ServeArguments arguments, ConfigProblems config)
    {
        if (arguments.ConfigPath is null && arguments.Root is null)
        {
            return new DoctorSubject { Interface = First(arguments), HttpPort = arguments.HttpPort ?? 80, Address = Address(First(arguments)) };
        }

        var errors = new List<string>();
        var settings = new ServeSettingsBuilder().Build(arguments, errors);
        if (settings is not null)
        {
            config.Warnings.AddRange(settings.Warnings);
            return DoctorSubjects.From(settings);
        }

        config.Errors.AddRange(errors);
        return new DoctorSubject { Interface = First(arguments), Root = arguments.Root, HttpPort = arguments.HttpPort ?? 80, Address = Address(First(arguments)), ServingUser = DoctorSubjects.ServingUserHere() };
    }

    /// <summary>The doctor examines one interface: the first named.</summary>
    private static string? First(ServeArguments arguments) => arguments.Interfaces.Count > 0 ? arguments.Interfaces[0] : null;

    private static System.Net.IPAddress? Address(string? name) => name is null ? null : InterfaceAddress.Find(name)?.Address;
}
