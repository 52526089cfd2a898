using System.CommandLine;

namespace PxeKit.Cli.Commands;

/// <summary>The root command: one subcommand per verb, each in its own file.</summary>
public static class PxeKitCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("""
            PxeKit: a network boot (PXE) server, and a lab that shows why a boot fails.

              pxekit serve --interface IF --root DIR     serve DHCP and TFTP on one interface
              pxekit demo                                boot a VM over PXE in a private lab, print its timeline
              pxekit fixtures                            build the boot files the lab boots
              pxekit lab up|down|status                  the lab network (namespace, bridge, tap)
              pxekit boot                                network-boot a QEMU VM in the lab, print its timeline
            """);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(FixturesCommand.Create());
        root.Subcommands.Add(LabCommand.Create());
        root.Subcommands.Add(BootCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        return root;
    }
}
