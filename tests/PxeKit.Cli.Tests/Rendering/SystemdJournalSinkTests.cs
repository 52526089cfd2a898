using System.Net.Sockets;
using System.Text;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;
using PxeKit.Core.Systemd;

namespace PxeKit.Cli.Tests.Rendering;

/// <summary>Serve's lines as journald gets them: one entry per step, the wire's evidence left out as on the terminal.</summary>
public sealed class SystemdJournalSinkTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pxekit-journal-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_step_is_one_entry_whose_message_is_who_step_and_detail_and_wire_evidence_is_left_out()
    {
        using var journald = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        journald.Bind(new UnixDomainSocketEndPoint(_path));
        using var socket = new JournalSocket(_path);
        var sink = new SystemdJournalSink(socket);

        sink.Write(new BootEvent { Time = DateTimeOffset.UnixEpoch, Step = BootStep.WireDhcp, Mac = "52:54:00:12:34:56" });
        sink.Write(new BootEvent { Time = DateTimeOffset.UnixEpoch, Step = BootStep.TftpRefused, Mac = "52:54:00:12:34:56", File = "a\u001b[2Jb" });

        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var entry = Encoding.UTF8.GetString(buffer, 0, await journald.ReceiveAsync(buffer, SocketFlags.None, timeout.Token));
        var fields = entry.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        Assert.StartsWith("52:54:00:12:34:56  tftp-refused  ", fields["MESSAGE"], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', fields["MESSAGE"]); // a hostile file name cannot put control characters in the message
        Assert.Equal(("TftpRefused", "4"), (fields["STEP"], fields["PRIORITY"]));
        Assert.Equal(0, journald.Available); // the wire event made no entry
    }

    public void Dispose() => File.Delete(_path);
}
