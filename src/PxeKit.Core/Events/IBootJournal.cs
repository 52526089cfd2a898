namespace PxeKit.Core.Events;

/// <summary>Where every component reports the steps of every client.</summary>
public interface IBootJournal
{
    void Record(BootEvent bootEvent);
}
