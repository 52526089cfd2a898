using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Server.Tests.Support;
using PxeKit.Server.Tftp;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>A TFTP server on 127.0.0.1 and a system-chosen port, serving a fresh temp directory.</summary>
internal sealed class TftpTestHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly FakeTimeProvider? _fakeTime;

    private TftpTestHost(TempDirectory root, TftpServer server, RecordingJournal journal, TimeProvider? time)
    {
        _fakeTime = time as FakeTimeProvider;
        Root = root;
        Server = server;
        Journal = journal;
        _run = server.RunAsync(_stop.Token);
    }

    public TempDirectory Root { get; }

    public TftpServer Server { get; }

    public RecordingJournal Journal { get; }

    public int Port => Server.LocalEndPoint!.Port;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public static TftpTestHost Start(ITestOutputHelper output, Func<TftpServerOptions, TftpServerOptions>? configure = null, TimeProvider? time = null)
    {
        var root = new TempDirectory();
        var options = new TftpServerOptions
        {
            Root = root.Path,
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            DefaultTimeout = TimeSpan.FromMilliseconds(500),
            MaxRetries = 3,
        };
        options = configure?.Invoke(options) ?? options;
        var journal = new RecordingJournal();
        var server = new TftpServer(options, new TestOutputLogger<TftpServer>(output), journal, time);
        return new TftpTestHost(root, server, journal, time);
    }

    /// <summary>Writes a file of pseudo-random bytes under the root and returns its SHA-256.</summary>
    public string CreateFile(string relativePath, long length, int seed = 1) =>
        TestFiles.WriteRandom(Path.Combine(Root.Path, relativePath), length, seed);

    /// <summary>Waits until the journal holds an event matching the predicate (transfers end asynchronously).</summary>
    public async Task<BootEvent> WaitForEventAsync(Func<BootEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var found = Journal.Events.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Expected journal event not recorded. Events:" + Environment.NewLine
            + string.Join(Environment.NewLine, Journal.Events.Select(e => $"{e.Step} {e.File} {e.Detail}")));
    }

    /// <summary>Stops the server and waits for every transfer to end; the root stays until disposed.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_fakeTime is not null)
        {
            // The reactors look at cancellation on their tick, which runs on the injected clock: move it on.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!_run.IsCompleted && DateTime.UtcNow < deadline)
            {
                _fakeTime.Advance(TimeSpan.FromMilliseconds(10));
                await Task.WhenAny(_run, Task.Delay(10));
            }
        }

        await _run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        Root.Dispose();
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("pxekit-tftp-").FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal sealed class TestOutputLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; the transfer outlived it by a moment.
        }
    }
}
