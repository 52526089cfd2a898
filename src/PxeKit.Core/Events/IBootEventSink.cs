namespace PxeKit.Core.Events;

/// <summary>A consumer of journal events (console, JSON lines file, timeline builder).</summary>
public interface IBootEventSink
{
    void Write(BootEvent bootEvent);
}
