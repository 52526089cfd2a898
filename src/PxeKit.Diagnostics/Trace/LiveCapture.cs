using SharpPcap;
using SharpPcap.LibPcap;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// Frames from a network interface, live (libpcap via SharpPcap, promiscuous so that unicast replies
/// between other machines on a bridge are seen too), read without blocking on the caller's thread.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    /// <summary>UDP carries DHCP and TFTP (whose transfer ports are any); TCP only on the HTTP ports.</summary>
    private readonly LibPcapLiveDevice _device;

    private LiveCapture(LibPcapLiveDevice device) => _device = device;

    /// <summary>Opens the interface; null (with the reason) when it cannot be captured on.</summary>
    public static LiveCapture? Open(string interfaceName, IReadOnlyList<int> httpPorts, out string? error)
    {
        ArgumentNullException.ThrowIfNull(httpPorts);
        error = null;
        try
        {
            var device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == interfaceName);
            if (device is null)
            {
                error = $"no interface {interfaceName} to capture on (ip link shows the names; capturing needs root or CAP_NET_RAW)";
                return null;
            }

            device.Open(DeviceModes.Promiscuous, 100);
            // Non-blocking: with TPACKET_V3 an idle interface can keep a blocking read waiting past its timeout,
            // and the caller must be able to stop (Ctrl-C, --duration) whatever the traffic.
            device.NonBlockingMode = true;
            device.Filter = "udp or " + string.Join(" or ", httpPorts.Select(p => $"tcp port {p}"));
            return new LiveCapture(device);
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or InvalidOperationException)
        {
            error = $"cannot capture on {interfaceName}: {e.Message} (capturing needs root or CAP_NET_RAW, and libpcap)";
            return null;
        }
    }

    /// <summary>The next frame, or null at once when none is waiting (the caller sleeps a little before asking again).</summary>
    public TraceFrame? Next()
    {
        var status = _device.GetNextPacket(out var capture);
        if (status != GetPacketStatus.PacketRead)
        {
            return null;
        }

        var raw = capture.GetPacket();
        return new TraceFrame(CaptureFile.ToTime(raw.Timeval), raw.LinkLayerType, raw.Data, raw.PacketLength);
    }

    public void Dispose()
    {
        _device.Close();
        _device.Dispose();
    }
}
