using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PxeKit.Core.Capture;
using PxeKit.Diagnostics.Capture;

namespace PxeKit.Diagnostics.Tests.Capture;

/// <summary>The one live capture on the loopback interface: frames reach the consumer, and stopping is prompt and final.</summary>
public sealed class LiveCaptureTests
{
    [HostFact]
    public async Task Frames_reach_the_consumer_and_dispose_stops_at_once_for_good()
    {
        var consumer = new Counting();
        int port = FreePort();
        var capture = LiveCapture.Start("lo", $"udp and dst port {port}", consumer, out var error);
        Assert.True(capture is not null, error);

        await Eventually.HoldsAsync(() => Send(port) && consumer.Frames > 0);
        var clock = Stopwatch.StartNew();
        capture.Dispose();
        clock.Stop();
        int frames = consumer.Frames;
        Send(port);
        await Task.Delay(100);
        capture.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Dispose took {clock.Elapsed}");
        Assert.Equal(frames, consumer.Frames);
        Assert.Equal(port, consumer.LastPort);
    }

    [HostFact]
    public async Task A_consumer_may_stop_the_capture_from_its_own_call()
    {
        var consumer = new Counting();
        int port = FreePort();
        using var capture = LiveCapture.Start("lo", $"udp and dst port {port}", consumer, out var error);
        Assert.True(capture is not null, error);
        consumer.StopOnFirst = capture;

        await Eventually.HoldsAsync(() => Send(port) && consumer.Frames > 0);
        Send(port);
        await Task.Delay(100);

        Assert.Equal(1, consumer.Frames);
    }

    [Fact]
    public void An_interface_that_does_not_exist_is_refused_with_the_reason()
    {
        var capture = LiveCapture.Start("pxk-nothere0", "udp", new Counting(), out var error);

        Assert.Null(capture);
        Assert.Contains("pxk-nothere0", error, StringComparison.Ordinal);
    }

    private static bool Send(int port)
    {
        using var client = new UdpClient();
        client.Send([1, 2, 3, 4], new IPEndPoint(IPAddress.Loopback, port));
        return true;
    }

    private static int FreePort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    /// <summary>Counts frames; optionally stops the capture from inside the first call.</summary>
    private sealed class Counting : IFrameConsumer
    {
        private int _frames;

        public int Frames => Volatile.Read(ref _frames);

        public int LastPort { get; private set; }

        public LiveCapture? StopOnFirst { get; set; }

        public void OnFrame(in CapturedFrame frame)
        {
            if (FrameDecoder.TryDecode(frame, out var udp))
            {
                LastPort = udp.DestinationPort;
            }

            Interlocked.Increment(ref _frames);
            StopOnFirst?.Dispose();
        }
    }
}
