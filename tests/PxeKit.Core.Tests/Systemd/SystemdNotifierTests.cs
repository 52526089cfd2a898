using PxeKit.Core.Systemd;

namespace PxeKit.Core.Tests.Systemd;

public sealed class SystemdNotifierTests
{
    [Fact]
    public async Task Ready_is_one_datagram_with_the_status_on_a_path_socket()
    {
        using var systemd = new NotifySocket();
        using var notifier = new SystemdNotifier(systemd.Name);

        Assert.True(notifier.Ready("serving TFTP (69) on eth1"));

        Assert.Equal("READY=1\nSTATUS=serving TFTP (69) on eth1", await systemd.ReceiveTextAsync());
    }

    [Fact]
    public async Task An_abstract_socket_written_with_an_at_sign_is_reached()
    {
        using var systemd = new NotifySocket(isAbstract: true);
        using var notifier = new SystemdNotifier(systemd.Name);

        Assert.True(notifier.Watchdog());
        Assert.True(notifier.Stopping("stopping"));

        Assert.Equal("WATCHDOG=1", await systemd.ReceiveTextAsync());
        Assert.Equal("STOPPING=1\nSTATUS=stopping", await systemd.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_status_with_a_newline_cannot_add_an_assignment()
    {
        using var systemd = new NotifySocket();
        using var notifier = new SystemdNotifier(systemd.Name);

        notifier.Status("serving\nREADY=1");

        Assert.Equal("STATUS=serving READY=1", await systemd.ReceiveTextAsync());
    }

    [Fact]
    public void Nobody_listening_is_false_and_not_an_exception()
    {
        using var notifier = new SystemdNotifier(Path.Combine(Path.GetTempPath(), $"pxekit-nobody-{Guid.NewGuid():N}"));

        Assert.False(notifier.Ready("serving"));
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_there_is_no_notifier()
    {
        Assert.Null(SystemdNotifier.FromEnvironment(_ => null, 42));
        Assert.Null(SystemdNotifier.FromEnvironment(Vars(("NOTIFY_SOCKET", "relative/path")), 42));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("20000000", null, 10_000)] // WatchdogSec=20: ping every 10 s, half of it (sd_watchdog_enabled(3))
    [InlineData("20000000", "42", 10_000)] // for this process
    [InlineData("20000000", "7", null)] // for another process (a child that inherited the environment)
    [InlineData("junk", null, null)]
    [InlineData("0", null, null)]
    public void The_watchdog_interval_is_half_of_WATCHDOG_USEC_for_this_process(string? usec, string? pid, int? expectedMs)
    {
        using var notifier = SystemdNotifier.FromEnvironment(Vars(("NOTIFY_SOCKET", "@systemd"), ("WATCHDOG_USEC", usec), ("WATCHDOG_PID", pid)), 42);

        Assert.NotNull(notifier);
        Assert.Equal(expectedMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, notifier.WatchdogInterval);
    }

    private static Func<string, string?> Vars(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
