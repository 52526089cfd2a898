using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Engine;

/// <summary>
/// One fault, told once: a rule watches every event, from whichever source a tool has (PxeKit's sockets, a
/// capture, a VM console, the host), keeps what it needs in its clients' state, and says its verdict through
/// the context. Rules never read an event's <see cref="BootEvent.Detail"/>. The engine calls a rule from one
/// thread at a time.
/// </summary>
public interface IFaultRule
{
    /// <summary>An event of <paramref name="client"/>, in time order.</summary>
    void Observe(BootEvent bootEvent, ClientState client, RuleContext context);

    /// <summary>Time has passed (a timer while live, the frames' own time in a capture): grace periods end here.</summary>
    void Tick(RuleContext context)
    {
    }

    /// <summary>
    /// Whether the rule keeps <paramref name="client"/> to decide about later (a grace period running): the engine then
    /// leaves the client's state alone when it forgets the client, rather than reusing it for a new one.
    /// </summary>
    bool Holds(ClientState client) => false;

    /// <summary>The evidence is complete (the capture was read whole, the boot is over): what is still open is decided now.</summary>
    void Finish(RuleContext context)
    {
    }
}
