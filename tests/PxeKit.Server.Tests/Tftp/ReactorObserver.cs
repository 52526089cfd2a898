using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// What a test can see of a <c>TftpReactor</c> from outside: the errors it logs (this is its logger,
/// writing every entry to the test's output) and what its thread is doing, which the kernel shows
/// under /proc/self/task by the name the reactor gives its thread.
/// </summary>
internal sealed class ReactorObserver(ITestOutputHelper output, string threadName) : ILogger
{
    // epoll_wait(2) and epoll_pwait(2) by system call number; both take the timeout as 4th argument.
    private static readonly long[] EpollWaitCalls = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => [232, 281],
        Architecture.Arm64 => [22],
        _ => [],
    };

    private readonly ConcurrentQueue<(EventId Id, Exception? Exception)> _errors = new();

    /// <summary>The name to give the reactor's thread: at most 15 characters, all the kernel keeps.</summary>
    public string ThreadName { get; } = threadName.Length <= 15
        ? threadName
        : throw new ArgumentException("The kernel keeps 15 characters of a thread's name.", nameof(threadName));

    /// <summary>The entries logged at error level or above, oldest first.</summary>
    public IReadOnlyList<(EventId Id, Exception? Exception)> Errors => [.. _errors];

    /// <summary>The kernel's id of the reactor's thread, or null when no such thread runs.</summary>
    public int? ThreadId()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadName)
                {
                    return int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // That thread ended while the list was read.
            }
        }

        return null;
    }

    /// <summary>
    /// The timeout in milliseconds (-1: none) of the epoll_wait the reactor's thread is blocked in, or
    /// null while it does anything else or does not run. During a system call, /proc/TID/syscall reads
    /// "number arg1 ... arg6 sp pc".
    /// </summary>
    public int? WaitTimeout()
    {
        if (EpollWaitCalls.Length == 0)
        {
            throw new PlatformNotSupportedException($"No epoll_wait system call numbers for {RuntimeInformation.ProcessArchitecture}.");
        }

        if (ThreadId() is not { } id)
        {
            return null;
        }

        string[] fields;
        try
        {
            fields = File.ReadAllText($"/proc/self/task/{id}/syscall").Split(' ');
        }
        catch (IOException)
        {
            return null;
        }

        return fields.Length > 4 && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var call) && EpollWaitCalls.Contains(call)
            ? unchecked((int)Convert.ToUInt64(fields[4], 16))
            : null;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            _errors.Enqueue((eventId, exception));
        }

        try
        {
            output.WriteLine($"{logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished: its output is closed.
        }
    }
}
