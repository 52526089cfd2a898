using System.Net;
using PxeKit.Server.Machines;

namespace PxeKit.Server.Tests.Machines;

/// <summary>What every <see cref="IMachineOverrideStore"/> promises, checked on one the test opens (and opens again, for the durable ones).</summary>
internal static class MachineOverrideStoreContract
{
    public static readonly MachineOverride Reserved = new("52:54:00:00:00:01", IPAddress.Parse("10.0.2.60"), "web1", BootLocal: false);
    public static readonly MachineOverride Local = new("52:54:00:00:00:02", null, null, BootLocal: true);

    /// <summary>Saves, replaces and deletes through <paramref name="store"/>; leaves <see cref="Reserved"/> (boot-local too) and <see cref="Local"/> stored.</summary>
    public static void Writes(IMachineOverrideStore store)
    {
        Assert.Empty(store.LoadAll());
        Assert.Null(store.Find(Reserved.Mac));

        store.Save(Reserved);
        store.Save(Local);
        store.Save(Local);
        Assert.Equal([Reserved, Local], store.LoadAll());
        Assert.Equal(Local, store.Find(Local.Mac));

        // Saved again, the machine's settings replace its old ones.
        var both = Reserved with { BootLocal = true };
        store.Save(both with { Address = IPAddress.Parse("10.0.2.61"), HostName = null });
        store.Save(both);
        Assert.Equal(both, store.Find(Reserved.Mac));

        var gone = new MachineOverride("52:54:00:00:00:03", IPAddress.Parse("10.0.2.62"), null, BootLocal: false);
        store.Save(gone);
        store.Delete(gone.Mac);
        store.Delete("52:54:00:00:00:99");
        Assert.Null(store.Find(gone.Mac));
        Assert.Equal([both, Local], store.LoadAll());
    }

    /// <summary>What <see cref="Writes"/> left, read by a store opened again.</summary>
    public static void Kept(IMachineOverrideStore reopened) =>
        Assert.Equal([Reserved with { BootLocal = true }, Local], reopened.LoadAll());
}
