using System.Diagnostics;
using System.Globalization;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Lab.Boot;

namespace PxeKit.Tests.Shared;

/// <summary>
/// A real <c>pxekit serve</c> (dotnet pxekit.dll, or another build of pxekit: <see cref="StartProgramAsync"/>), in a
/// network namespace or not, for the tests that need the server
/// as its users run it: its own process, its own namespace. It writes its journal to an events file, which is
/// followed here (<see cref="Events"/>); it is ready when that journal carries <see cref="BootStep.ServerReady"/>,
/// not when some line appears on standard error. Its standard output and error are kept for the tests that read the
/// server's words. Killed by its PID on dispose.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly DirectoryInfo _work;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly RecordingSink _events = new();
    private readonly ServerReadySink _ready = new();
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly Task _follower;

    private ServeProcess(Process process, DirectoryInfo work, string eventsPath, bool readOutput)
    {
        _process = process;
        _work = work;
        process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        if (readOutput)
        {
            process.BeginOutputReadLine();
        }

        process.BeginErrorReadLine();
        _follower = new EventsFileFollower(eventsPath, new BootJournal(_events, _ready)).RunAsync(_stopFollowing.Token);
    }

    public static string PxekitDll => Path.Combine(AppContext.BaseDirectory, "pxekit.dll");

    /// <summary>What the server printed on standard output (one line per journal event).</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>What the server printed on standard error (its summary, warnings and logs).</summary>
    public string Error
    {
        get { lock (_error) { return _error.ToString(); } }
    }

    /// <summary>The server's journal so far, typed, read back from its events file.</summary>
    public IReadOnlyList<BootEvent> Events => _events.Events;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>
    /// Starts <c>pxekit serve ARGS --events FILE</c>, inside <paramref name="ns"/> unless it is null, and returns once
    /// the server journaled <see cref="BootStep.ServerReady"/> (every listener bound); throws with its standard error
    /// when it exits or is not ready within 30 s.
    /// </summary>
    public static Task<ServeProcess> StartAsync(string? ns, params string[] arguments) => StartAsync(ns, DotnetPxekit, readOutput: true, arguments);

    /// <summary>
    /// As <see cref="StartAsync(string?, string[])"/>, with <paramref name="program"/> as pxekit instead of
    /// <c>dotnet pxekit.dll</c>: a published binary, or one run by an emulator (<c>qemu-aarch64-static -L ROOT
    /// pxekit</c>). The program must exec pxekit in place or be the process that runs it, so that the PID held here
    /// is the server's.
    /// </summary>
    public static Task<ServeProcess> StartProgramAsync(string? ns, IReadOnlyList<string> program, params string[] arguments) =>
        StartAsync(ns, program, readOutput: true, arguments);

    /// <summary>
    /// As <see cref="StartAsync(string?, string[])"/>, with a terminal that stopped reading: the server's standard output
    /// is a pipe nobody reads, which fills after 64 KiB, as a paused terminal or <c>| less</c> does.
    /// </summary>
    public static Task<ServeProcess> StartWithStalledOutputAsync(string? ns, params string[] arguments) =>
        StartAsync(ns, DotnetPxekit, readOutput: false, arguments);

    private static string[] DotnetPxekit => ["dotnet", PxekitDll];

    private static async Task<ServeProcess> StartAsync(string? ns, IReadOnlyList<string> program, bool readOutput, string[] arguments)
    {
        var work = Directory.CreateTempSubdirectory("pxekit-serve-");

        // A server that leaves root for another user (--user) creates its events file as root and writes it as that
        // user, who must be able to reach it.
        File.SetUnixFileMode(work.FullName, (UnixFileMode)0b111_101_101);
        var eventsPath = Path.Combine(work.FullName, "events.jsonl");

        // Run as root, serve becomes an unprivileged user; the tests' roots and databases are root's temporary
        // directories, so they serve as root unless they name a user. (Under qemu-user it must stay root: its change of
        // user re-executes /proc/self/exe, which there is qemu, not pxekit.)
        string[] user = arguments.Contains("--user") ? [] : ["--user", "root"];
        string[] serve = [.. program, "serve", .. arguments, .. user, "--events", eventsPath];

        // ip netns exec execs dotnet in place, so the PID held here is the server's own.
        string[] command = ns is null ? serve : ["ip", "netns", "exec", ns, .. serve];
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..])
        {
            info.ArgumentList.Add(argument);
        }

        var server = new ServeProcess(Process.Start(info)!, work, eventsPath, readOutput);
        var exited = server._process.WaitForExitAsync();
        await Task.WhenAny(server._ready.Ready, exited, Task.Delay(StartLimit));
        if (!server._ready.Ready.IsCompleted)
        {
            var why = exited.IsCompleted ? $"exited with {server._process.ExitCode}" : $"was not ready in {StartLimit.TotalSeconds:0} s";
            await server.DisposeAsync();
            throw new InvalidOperationException($"pxekit serve {why}: {server.Error}");
        }

        return server;
    }

    /// <summary>SIGTERM, as systemctl stop sends it; returns the exit status, or null if the process outlived <paramref name="timeout"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        await Sh.RunAsync("kill", "-TERM", Id.ToString(CultureInfo.InvariantCulture));
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no chance to flush or close anything, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _stopFollowing.CancelAsync();
        await _follower.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopFollowing.Dispose();
        _process.Dispose();
        _work.Delete(recursive: true);
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
