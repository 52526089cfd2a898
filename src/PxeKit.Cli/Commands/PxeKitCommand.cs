using System.CommandLine;

namespace PxeKit.Cli.Commands;

/// <summary>The root command: one subcommand per verb, each in its own file.</summary>
public static class PxeKitCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("""
            PxeKit: a network boot (PXE) server, and a lab that shows why a boot fails.

              pxekit serve --interface IF --root DIR     DHCP (full or --proxy, plus port 4011), TFTP and HTTP; --interface again for more
              pxekit explain --mac M --arch A            which profile a machine gets, and the exact reply, with no client
              pxekit doctor --interface IF               what on this host keeps machines from booting: ports, firewall, files, other servers
              pxekit demo                                boot a VM over PXE in a private lab, print its timeline
              pxekit boot [--firmware uefi] [--arch arm64] [--http] [--proxy]
                                                         network-boot a QEMU VM in the lab; a failed boot ends with its cause
              pxekit trace --interface IF | --read FILE  tell the boots in a capture per client, and name what failed
              pxekit lab up|down|status                  the lab network (namespace, bridge, tap)
              pxekit fixtures [--arch arm64]             build the boot files the lab boots
              pxekit load tftp|storm --server IP ...     load generators for measuring a boot server (docs/benchmarks.md)
              pxekit leases list|audit --db FILE         the lease database; audit checks it against a capture (--pcap)
              pxekit import dnsmasq FILE [--to F]        convert a dnsmasq configuration, listing what it cannot (docs/migrating.md)
            """);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(FixturesCommand.Create());
        root.Subcommands.Add(LabCommand.Create());
        root.Subcommands.Add(BootCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(LeasesCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        return root;
    }
}
