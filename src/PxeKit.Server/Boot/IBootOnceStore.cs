namespace PxeKit.Server.Boot;

/// <summary>Remembers which machines already used their boot-once profile.</summary>
public interface IBootOnceStore
{
    bool IsUsed(string mac, string profile);

    void MarkUsed(string mac, string profile);
}
