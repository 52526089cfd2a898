namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>Tests that set the process's environment, which every PostgreSQL connection reads: run after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresEnvironmentCollection
{
    public const string Name = "PostgreSQL environment";
}
