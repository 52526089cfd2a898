using PxeKit.Core.Events;

namespace PxeKit.Lab.Boot;

/// <summary>Completes when the journal carries the server's <see cref="BootStep.ServerReady"/>: the lab boot waits for it.</summary>
public sealed class ServerReadySink : IBootEventSink
{
    private readonly TaskCompletionSource<BootEvent> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<BootEvent> Ready => _ready.Task;

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Step == BootStep.ServerReady)
        {
            _ready.TrySetResult(bootEvent);
        }
    }
}
