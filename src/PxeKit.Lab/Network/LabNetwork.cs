using PxeKit.Core.Processes;

namespace PxeKit.Lab.Network;

/// <summary>
/// An isolated lab network: a namespace holding a bridge with a private address and a tap for QEMU. Every
/// change is an <c>ip</c> command run through one <see cref="ICommandRunner"/>, so <c>--explain</c> shows
/// exactly the commands a user would type. Nothing is added to the host's own network.
/// </summary>
public sealed partial class LabNetwork
{
    private const string Ip = "ip";
    private readonly ICommandRunner _runner;

    public LabNetwork(LabNetworkOptions options, ICommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid lab network options: " + string.Join(" ", errors), nameof(options));
        }

        Options = options;
        _runner = runner;
    }

    public LabNetworkOptions Options { get; }

    /// <summary>The commands that build the lab, in order (also what <c>lab up --explain</c> prints).</summary>
    public IReadOnlyList<Command> UpCommands()
    {
        var ns = Options.Namespace;
        return
        [
            new(Ip, "netns", "add", ns),
            new(Ip, "-n", ns, "link", "set", "lo", "up"),
            new(Ip, "-n", ns, "link", "add", Options.Bridge, "type", "bridge"),
            new(Ip, "-n", ns, "addr", "add", Options.BridgeCidr, "dev", Options.Bridge),
            new(Ip, "-n", ns, "-6", "addr", "add", Options.BridgeCidr6, "dev", Options.Bridge, "nodad"),
            new(Ip, "-n", ns, "link", "set", Options.Bridge, "up"),
            new(Ip, "-n", ns, "tuntap", "add", "dev", Options.Tap, "mode", "tap"),
            new(Ip, "-n", ns, "link", "set", Options.Tap, "master", Options.Bridge),
            new(Ip, "-n", ns, "link", "set", Options.Tap, "up"),
        ];
    }

    /// <summary><paramref name="command"/> run inside the lab namespace (<c>ip netns exec NS ...</c>).</summary>
    public Command InNamespace(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Prefixed(Ip, "netns", "exec", Options.Namespace);
    }

    /// <summary>
    /// Builds the lab. If the namespace already exists this fails and changes nothing; if a later step fails
    /// the namespace is deleted again, so a failed <c>up</c> leaves nothing behind.
    /// </summary>
    public async Task UpAsync(CancellationToken cancellationToken = default)
    {
        var commands = UpCommands();
        var created = await _runner.RunAsync(commands[0], cancellationToken).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            var exists = created.StandardError.Contains("File exists", StringComparison.Ordinal);
            throw exists
                ? new CommandException($"Lab up failed: namespace {Options.Namespace} already exists (a lab is up, or a run crashed); run `pxekit lab down` first.")
                : CommandException.From($"Creating namespace {Options.Namespace}", created);
        }

        try
        {
            foreach (var command in commands.Skip(1))
            {
                var result = await _runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
                result.ThrowIfFailed("Lab up");
            }
        }
        catch
        {
            await _runner.RunAsync(DeleteNamespace(Options.Namespace), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static Command DeleteNamespace(string name) => new(Ip, "netns", "del", name);
}
