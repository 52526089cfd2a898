namespace PxeKit.Cli.Tests.Packaging;

/// <summary>The package and service tests, one after the other: both start from the same published binary and Debian tree.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection
{
    public const string Name = "Packaging";
}
