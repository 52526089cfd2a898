using System.CommandLine;
using Command = System.CommandLine.Command;
using PxeKit.Core.Processes;
using PxeKit.Lab.Network;

namespace PxeKit.Cli.Commands;

/// <summary><c>pxekit lab up|down|status</c>: the private lab network.</summary>
public static class LabCommand
{
    private static readonly Option<bool> Explain = new("--explain")
    {
        Description = "Print the equivalent shell commands as they run.",
    };

    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Only print the commands; change nothing.",
    };

    public static Command Create()
    {
        var up = new Command("up", """
            Create the lab: namespace pxk-lab, bridge pxkbr0 with 10.47.0.1/24, and tap pxktap0 on the bridge.
            Nothing is added to the host's own network; QEMU and the server run inside the namespace.
            """)
        {
            Explain, DryRun,
        };
        up.SetAction((parse, ct) => RunAsync(parse, (lab, token) => lab.UpAsync(token), ct));

        var down = new Command("down", "Remove the lab and anything a crashed run left behind (every name starting with pxk).")
        {
            Explain, DryRun,
        };
        down.SetAction((parse, ct) => RunAsync(parse, async (lab, token) =>
        {
            foreach (var removed in await lab.DownAsync(token).ConfigureAwait(false))
            {
                Console.WriteLine(removed);
            }
        }, ct));

        var status = new Command("status", "Show what of the lab exists: namespace, bridge, tap, addresses, processes inside.");
        status.SetAction((parse, ct) => RunAsync(parse, async (lab, token) =>
        {
            var state = await lab.StatusAsync(token).ConfigureAwait(false);
            foreach (var line in state.Describe())
            {
                Console.WriteLine(line);
            }
        }, ct));

        return new Command("lab", "The lab network: a namespace with a bridge and a tap that a VM boots on.") { up, down, status };
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<LabNetwork, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ICommandRunner runner = parse.GetValue(DryRun)
            ? new ExplainCommandRunner(Console.Out)
            : new ProcessCommandRunner(parse.GetValue(Explain) ? Console.Out : null);
        try
        {
            await action(new LabNetwork(new LabNetworkOptions(), runner), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"pxekit: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
