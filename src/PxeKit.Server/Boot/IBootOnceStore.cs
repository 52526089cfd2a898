namespace PxeKit.Server.Boot;

/// <summary>Remembers which machines already used their boot-once profile.</summary>
public interface IBootOnceStore
{
    bool IsUsed(string mac, string profile);

    void MarkUsed(string mac, string profile);

    /// <summary>Takes the mark away: the machine gets its boot-once profile again (an operator's re-install).</summary>
    void Forget(string mac, string profile);
}
