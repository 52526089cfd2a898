namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>VM boots run one at a time: each keeps a core busy for ~30 s under TCG.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QemuCollection
{
    public const string Name = "QEMU boots";
}
