using System.Net.Sockets;

namespace PxeKit.Core.Systemd;

/// <summary>
/// Sends entries to journald's native socket, one datagram each. Non-blocking: an entry journald cannot take now (its
/// queue full) is dropped and counted, never waited for.
/// </summary>
public sealed class JournalSocket : IDisposable
{
    /// <summary>Where journald listens for native entries.</summary>
    public const string DefaultPath = "/run/systemd/journal/socket";

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _target;
    private long _dropped;

    public JournalSocket(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _target = new UnixDomainSocketEndPoint(path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
    }

    /// <summary>Entries journald did not take.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// True when this process's output goes to the journal: systemd sets <c>JOURNAL_STREAM</c> for a service whose
    /// standard output or error is connected to it (systemd.exec(5)), and journald's socket is there.
    /// </summary>
    public static bool IsJournalAvailable(Func<string, string?> variable, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return !string.IsNullOrEmpty(variable("JOURNAL_STREAM")) && File.Exists(path);
    }

    /// <summary>Sends one entry; false (and counted) when journald did not take it.</summary>
    public bool Send(JournalFields entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            _socket.SendTo(entry.ToDatagram().Span, SocketFlags.None, _target);
            return true;
        }
        catch (SocketException)
        {
            // Full (EAGAIN), too large (EMSGSIZE) or journald restarting (ECONNREFUSED): dropped, not waited for.
            Interlocked.Increment(ref _dropped);
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
