namespace PxeKit.Lab.Tests.Support;

/// <summary>Tests that boot a VM: run one at a time (TCG on two cores; boot times are measured).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VmCollection
{
    public const string Name = "VM boots";
}
