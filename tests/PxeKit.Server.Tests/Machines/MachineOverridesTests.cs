using System.Net;
using PxeKit.Server.Machines;

namespace PxeKit.Server.Tests.Machines;

public sealed class MachineOverridesTests
{
    [Fact]
    public void A_change_is_stored_before_it_is_seen_and_settings_that_set_nothing_are_deleted()
    {
        var store = new InMemoryMachineOverrideStore();
        store.Save(new MachineOverride("52:54:00:00:00:09", null, null, BootLocal: true));
        var machines = new MachineOverrides(store);
        Assert.True(machines.IsBootLocal("52:54:00:00:00:09"));

        machines.Change("52:54:00:00:00:01", m => m with { Address = IPAddress.Parse("10.0.2.60"), HostName = "web1" });
        machines.Change("52:54:00:00:00:01", m => m with { BootLocal = true });

        var both = new MachineOverride("52:54:00:00:00:01", IPAddress.Parse("10.0.2.60"), "web1", BootLocal: true);
        Assert.Equal(both, store.Find("52:54:00:00:00:01"));
        Assert.Equal(both, machines.Find("52:54:00:00:00:01"));

        machines.Change("52:54:00:00:00:01", m => m with { Address = null, HostName = null });
        machines.Change("52:54:00:00:00:01", m => m with { BootLocal = false });

        Assert.Null(store.Find("52:54:00:00:00:01"));
        Assert.Null(machines.Find("52:54:00:00:00:01"));
        Assert.Single(machines.All);
    }
}
