using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace PxeKit.Core.Systemd;

/// <summary>
/// Tells systemd how the service is doing (sd_notify(3)), without libsystemd: one datagram of <c>KEY=value</c> lines to
/// the socket named by <c>NOTIFY_SOCKET</c> (a path, or an abstract name written with a leading <c>@</c>).
/// <c>Type=notify</c> units wait for <c>READY=1</c>; <c>WatchdogSec=</c> units are restarted when <c>WATCHDOG=1</c> stops
/// coming. A notification that cannot be sent is dropped: serving never waits for systemd, nor fails because of it.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _target;

    /// <param name="notifySocket">The value of <c>NOTIFY_SOCKET</c>.</param>
    /// <param name="watchdog">How often systemd wants <c>WATCHDOG=1</c> (<c>WATCHDOG_USEC</c>); null when it does not watch.</param>
    public SystemdNotifier(string notifySocket, TimeSpan? watchdog = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(notifySocket);
        // An abstract socket's name starts with a NUL byte, which the environment cannot carry: systemd writes it as '@'.
        _target = new UnixDomainSocketEndPoint(notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket);
        // Non-blocking: when systemd's queue is full the notification is dropped instead of holding up the caller.
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        WatchdogInterval = watchdog;
    }

    /// <summary>How often <see cref="Watchdog"/> must be called: half of what systemd allows, as sd_watchdog_enabled(3) advises.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>
    /// The notifier systemd asked for in this process's environment; null when the process was not started by systemd
    /// as a notify service (no <c>NOTIFY_SOCKET</c>).
    /// </summary>
    public static SystemdNotifier? FromEnvironment() =>
        FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>As <see cref="FromEnvironment()"/>, from the given variables, for the process <paramref name="processId"/>.</summary>
    public static SystemdNotifier? FromEnvironment(Func<string, string?> variable, int processId)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var socket = variable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(socket) || (socket[0] != '/' && socket[0] != '@'))
        {
            return null;
        }

        return new SystemdNotifier(socket, WatchdogFrom(variable, processId));
    }

    /// <summary>
    /// Half of <c>WATCHDOG_USEC</c> when it is set for this process (<c>WATCHDOG_PID</c> absent or ours), else null.
    /// </summary>
    private static TimeSpan? WatchdogFrom(Func<string, string?> variable, int processId)
    {
        if (!long.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out long usec) || usec <= 0)
        {
            return null;
        }

        var pid = variable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec / 2.0);
    }

    /// <summary><c>READY=1</c> with what is served: every socket is bound.</summary>
    public bool Ready(string status) => Notify($"READY=1\nSTATUS={OneLine(status)}");

    /// <summary><c>STATUS=</c>: one line for <c>systemctl status</c>.</summary>
    public bool Status(string status) => Notify($"STATUS={OneLine(status)}");

    /// <summary><c>WATCHDOG=1</c>: the service is alive.</summary>
    public bool Watchdog() => Notify("WATCHDOG=1");

    /// <summary><c>STOPPING=1</c>: the service is shutting down.</summary>
    public bool Stopping(string status) => Notify($"STOPPING=1\nSTATUS={OneLine(status)}");

    /// <summary>Sends one notification (newline-separated assignments); false when it could not be sent.</summary>
    public bool Notify(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            return _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _target) > 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // systemd gone or not listening: nothing to tell, and serving goes on.
            return false;
        }
    }

    /// <summary>A status is one line: a newline would start an assignment of its own.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    public void Dispose() => _socket.Dispose();
}
