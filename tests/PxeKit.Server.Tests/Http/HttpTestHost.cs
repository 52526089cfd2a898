using PxeKit.Server.Tests.Support;
using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Server.Http;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>
/// An HTTP boot server on 127.0.0.1 and a system-chosen port. Its root is <c>root/</c> inside a fresh
/// temp directory, so a test can put a secret file next to the root, outside it.
/// </summary>
internal sealed class HttpTestHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly ILoggerFactory _loggerFactory;

    private HttpTestHost(string directory, HttpBootServer server, RecordingJournal journal, ILoggerFactory loggerFactory, CancellationTokenSource stop, Task run)
    {
        _stop = stop;
        Directory = directory;
        Server = server;
        Journal = journal;
        _loggerFactory = loggerFactory;
        Run = run;
    }

    /// <summary>The temp directory holding the root; removed on dispose.</summary>
    public string Directory { get; }

    public string Root => Path.Combine(Directory, "root");

    public HttpBootServer Server { get; }

    public RecordingJournal Journal { get; }

    public Task Run { get; }

    public int Port => Server.LocalEndPoint!.Port;

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    /// <param name="journal">Where the server journals (a new one when null): given when <paramref name="scripts"/> journals too.</param>
    public static HttpTestHost Start(ITestOutputHelper output, IBootScriptSource? scripts = null, Func<HttpBootOptions, HttpBootOptions>? configure = null, RecordingJournal? journal = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("pxekit-http-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "root"));
        var options = new HttpBootOptions { Root = Path.Combine(directory, "root"), ListenAddress = IPAddress.Loopback, Port = 0 };
        options = configure?.Invoke(options) ?? options;
        journal ??= new RecordingJournal();
        var loggerFactory = TestOutputLoggerProvider.CreateFactory(output);
        var server = new HttpBootServer(options, scripts, loggerFactory, journal);
        var stop = new CancellationTokenSource();
        try
        {
            return new HttpTestHost(directory, server, journal, loggerFactory, stop, server.RunAsync(stop.Token));
        }
        catch
        {
            stop.Dispose();
            loggerFactory.Dispose();
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Writes a file of pseudo-random bytes under the root and returns its SHA-256.</summary>
    public string CreateFile(string relativePath, long length, int seed = 1) => TestFiles.WriteRandom(Path.Combine(Root, relativePath), length, seed);

    /// <summary>Cancels the server and waits (bounded) until it has stopped.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _loggerFactory.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
