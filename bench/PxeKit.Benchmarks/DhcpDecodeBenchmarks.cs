using BenchmarkDotNet.Attributes;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Benchmarks;

/// <summary>Reading a DISCOVER that SeaBIOS' iPXE ROM sent (captured), with the zero-copy view.</summary>
[MemoryDiagnoser]
public class DhcpDecodeBenchmarks
{
    private byte[] _discover = [];

    [GlobalSetup]
    public void Setup() => _discover = CapturedPackets.UdpPayloads("qemu-bios-ipxe-dhcp.pcap")[0];

    /// <summary>Validation only: header, cookie, every option length.</summary>
    [Benchmark]
    public DhcpParseError TryParse() => DhcpMessageView.TryParse(_discover, out _);

    /// <summary>Validation, then every option walked once, as a classifier does.</summary>
    [Benchmark]
    public int TryParseAndEnumerateOptions()
    {
        DhcpMessageView.TryParse(_discover, out var view);
        var sum = 0;
        foreach (var option in view.Options)
        {
            sum += option.Code + option.Data.Length;
        }

        return sum;
    }

    /// <summary>The lookups a PXE server makes: message type, vendor class, architecture, user class.</summary>
    [Benchmark]
    public int TryParseAndLookUpPxeOptions()
    {
        DhcpMessageView.TryParse(_discover, out var view);
        var found = (int)view.MessageType;
        found += view.TryGetOption(DhcpOptionCode.VendorClassIdentifier, out var vendor) ? vendor.Length : 0;
        found += view.TryGetOption(DhcpOptionCode.ClientSystemArchitecture, out var arch) ? arch.Length : 0;
        found += view.TryGetOption(DhcpOptionCode.UserClass, out var userClass) ? userClass.Length : 0;
        return found;
    }

    /// <summary>The mutable model the server's handlers take today (allocates by design).</summary>
    [Benchmark]
    public DhcpMessage? DecodeToModel()
    {
        DhcpMessage.TryParse(_discover, out var message);
        return message;
    }
}
