using PxeKit.Cli.Boot;
using PxeKit.Lab.Boot;
using PxeKit.Lab.Fixtures;
using Command = System.CommandLine.Command;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit demo</c>: the whole story in one command.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", """
            Build the boot fixtures, bring up a private lab network, serve it with PxeKit, PXE-boot a QEMU VM
            (BIOS, iPXE, pxelinux, a Debian kernel, a busybox initramfs), print the boot timeline and remove
            everything it created. Run it through ./pxekit, which first installs the Debian packages it needs.
            """)
        {
            BootCommand.Explain,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await Console.Error.WriteLineAsync("pxekit demo: a VM will network-boot from PxeKit in a private lab (namespace pxk-lab); nothing touches your network.").ConfigureAwait(false);
            var request = new BootRequest { Marker = BootFixture.Marker, Explain = parse.GetValue(BootCommand.Explain) };
            return await new BootRun(Console.Out, Console.Error).LabAsync(request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
