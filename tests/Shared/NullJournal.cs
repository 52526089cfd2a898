using PxeKit.Core.Events;

namespace PxeKit.Tests.Shared;

/// <summary>A journal that keeps nothing, for tests that watch a console and not its events.</summary>
internal sealed class NullJournal : IBootJournal
{
    public void Record(BootEvent bootEvent)
    {
    }
}
