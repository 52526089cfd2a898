using PxeKit.Core.Capture;
using SharpPcap;
using SharpPcap.LibPcap;

namespace PxeKit.Diagnostics.Capture;

/// <summary>
/// The one live capture: a network interface opened with libpcap (SharpPcap), promiscuous so that unicast
/// replies between other machines on a bridge are seen too, with a filter; its own thread hands each frame
/// to an <see cref="IFrameConsumer"/>. The interface is read without blocking, so <see cref="Dispose"/> stops
/// within a few milliseconds whatever the traffic (Ctrl-C, a duration that ran out, a server shutting down).
/// </summary>
public sealed class LiveCapture : IDisposable
{
    /// <summary>How long the thread waits when no frame is waiting.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);
    private readonly LibPcapLiveDevice _device;
    private readonly IFrameConsumer _consumer;
    private readonly TimeProvider _time;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private int _disposed;
    private bool _disposedByConsumer;

    private LiveCapture(LibPcapLiveDevice device, IFrameConsumer consumer, TimeProvider time)
    {
        _device = device;
        _consumer = consumer;
        _time = time;
        _thread = new Thread(Run) { IsBackground = true, Name = $"capture on {device.Name}" };
    }

    /// <summary>
    /// Opens <paramref name="interfaceName"/> with the BPF <paramref name="filter"/> and starts handing frames to
    /// <paramref name="consumer"/>; null (with the reason, for a person) when the interface cannot be captured on.
    /// </summary>
    public static LiveCapture? Start(string interfaceName, string filter, IFrameConsumer consumer, out string? error, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentException.ThrowIfNullOrEmpty(filter);
        ArgumentNullException.ThrowIfNull(consumer);
        error = null;
        LibPcapLiveDevice? device = null;
        try
        {
            device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == interfaceName);
            if (device is null)
            {
                error = $"no interface {interfaceName} to capture on (ip link shows the names; capturing needs root or CAP_NET_RAW)";
                return null;
            }

            // Promiscuous: on a bridge, frames between two of its ports (another server's unicast offer to a
            // client) reach the bridge device itself only when it is promiscuous.
            device.Open(DeviceModes.Promiscuous, 100);
            // Non-blocking: with TPACKET_V3 an idle interface can keep a blocking read waiting past its timeout,
            // and the capture must stop when told whatever the traffic.
            device.NonBlockingMode = true;
            device.Filter = filter;
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or InvalidOperationException)
        {
            device?.Dispose();
            error = $"cannot capture on {interfaceName}: {e.Message} (capturing needs root or CAP_NET_RAW, and libpcap)";
            return null;
        }

        var capture = new LiveCapture(device, consumer, time ?? TimeProvider.System);
        capture._thread.Start();
        return capture;
    }

    /// <summary>
    /// Stops the capture: when this returns (from any thread but the capture's own) no call to the consumer is
    /// running or will come, and the interface is closed. Safe to call more than once, and from the consumer.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Set();
        if (Environment.CurrentManagedThreadId == _thread.ManagedThreadId)
        {
            // Called by the consumer: the thread closes the interface on its way out.
            _disposedByConsumer = true;
            return;
        }

        _thread.Join();
        Close();
    }

    private void Run()
    {
        try
        {
            Read();
        }
        finally
        {
            if (_disposedByConsumer)
            {
                Close();
            }
        }
    }

    private void Read()
    {
        long lastTick = _time.GetTimestamp();
        while (!_stop.IsSet)
        {
            var status = _device.GetNextPacket(out var capture);
            if (status == GetPacketStatus.PacketRead)
            {
                var raw = capture.GetPacket();
                _consumer.OnFrame(new CapturedFrame(CaptureFile.ToTime(raw.Timeval), raw.LinkLayerType, raw.Data, CaptureFile.WireLength(capture)));
            }
            else if (status == GetPacketStatus.Error)
            {
                _consumer.OnFailed($"capture on {_device.Name} failed: {_device.LastError}");
                return;
            }
            else
            {
                _stop.Wait(IdleWait);
            }

            if (_time.GetElapsedTime(lastTick) >= TickEvery && !_stop.IsSet)
            {
                lastTick = _time.GetTimestamp();
                _consumer.OnTick(_time.GetUtcNow());
            }
        }
    }

    private void Close()
    {
        _device.Close();
        _device.Dispose();
        _stop.Dispose();
    }
}
