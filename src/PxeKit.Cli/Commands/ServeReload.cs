using System.Runtime.InteropServices;
using System.Threading.Channels;
using PxeKit.Cli.Config;
using PxeKit.Core.Events;
using PxeKit.Host;

namespace PxeKit.Cli.Commands;

/// <summary>
/// SIGHUP (and <c>systemctl reload</c>, whose ExecReload sends it) reads the configuration again, merged with the
/// command line exactly as at start (<see cref="ServeSettingsBuilder"/>), and hands it to the host: every mistake is
/// reported (journaled and on standard error) and the running configuration kept, or the host swaps it in. Read as the
/// user serve runs as. Signals that come while one reload runs are folded into one more. The management API's reload
/// (<c>POST /api/v1/reload</c>) runs the same, on its request's thread.
/// </summary>
internal sealed class ServeReload : IDisposable
{
    private readonly ServerHost _host;
    private readonly ServeArguments _arguments;
    private readonly Channel<bool> _asked = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly PosixSignalRegistration _signal;
    private readonly Task _reloading;

    public ServeReload(ServerHost host, ServeArguments arguments)
    {
        _host = host;
        _arguments = arguments;
        _signal = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            // Not the default (terminate): a reload.
            context.Cancel = true;
            _asked.Writer.TryWrite(true);
        });
        _reloading = Task.Run(ReloadEachAsync);
        host.ReloadFromConfiguration = Reload;
    }

    public void Dispose()
    {
        _host.ReloadFromConfiguration = null;
        _signal.Dispose();
        _asked.Writer.TryComplete();
        _reloading.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ReloadEachAsync()
    {
        await foreach (var asked in _asked.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Reload();
        }
    }

    /// <summary>Reads the configuration and applies it, or refuses it; the event that says which (SIGHUP, and the management API's reload).</summary>
    private BootEvent Reload()
    {
        var errors = new List<string>();
        ServeSettings? next;
        try
        {
            next = new ServeSettingsBuilder().Build(_arguments, errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Replaced since the start by a file the serving user may not read, say.
            errors.Add($"the configuration file {_arguments.ConfigPath} cannot be read as this user ({e.Message})");
            next = null;
        }

        if (next is null)
        {
            var refused = _host.RefuseReload(errors);
            Console.Error.WriteLine("pxekit: the configuration was not reloaded, the running one is kept:");
            ServeCommand.ReportErrors(errors);
            return refused;
        }

        foreach (var warning in next.Warnings)
        {
            Console.Error.WriteLine($"pxekit: warning: {warning}.");
        }

        // What changed, and what needs a restart, is the journal's ReloadApplied: printed on the terminal with the rest.
        return _host.Reload(next);
    }
}
