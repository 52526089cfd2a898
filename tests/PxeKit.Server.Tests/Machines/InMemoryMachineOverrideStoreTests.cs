using PxeKit.Server.Machines;

namespace PxeKit.Server.Tests.Machines;

public sealed class InMemoryMachineOverrideStoreTests
{
    [Fact]
    public void Settings_are_saved_replaced_and_deleted() => MachineOverrideStoreContract.Writes(new InMemoryMachineOverrideStore());
}
