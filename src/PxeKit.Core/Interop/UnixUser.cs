namespace PxeKit.Core.Interop;

/// <summary>A user of the host's passwd database, with every group it is in (its primary group first).</summary>
public sealed record UnixUser(string Name, uint Uid, uint Gid, IReadOnlyList<uint> Groups)
{
    public bool IsRoot => Uid == 0;

    /// <summary>For people: <c>nobody (65534)</c>.</summary>
    public override string ToString() => $"{Name} ({Uid})";
}
