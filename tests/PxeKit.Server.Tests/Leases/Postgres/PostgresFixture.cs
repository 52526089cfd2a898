namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>
/// One <see cref="PostgresInstance"/> for a test class, started by the first test that asks for it (a run that skips
/// the class starts none), each test on a database of its own; stopped and removed when the class is done.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresInstance? _instance;

    internal async Task<PostgresInstance> InstanceAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _instance ??= await PostgresInstance.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }

        _gate.Dispose();
    }
}
