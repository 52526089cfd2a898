using System.Runtime.InteropServices;
using PxeKit.Cli.Commands;

// SIGTERM (systemctl stop, kill, a parent ending its child) stops a verb the way Ctrl-C does: its cancellation
// token fires, the server closes its sockets and stores, and the process exits with the verb's own status.
using var shutdown = new CancellationTokenSource();
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    shutdown.Cancel();
});
return await PxeKitCommand.Create().Parse(args).InvokeAsync(cancellationToken: shutdown.Token).ConfigureAwait(false);
