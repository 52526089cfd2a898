using System.Diagnostics;
using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load;

/// <summary>
/// One simulated PXE machine: DISCOVER and REQUEST with the PXE options its firmware would send, the
/// boot program over TFTP from the answer's next-server, then the HTTP files a boot loader would fetch.
/// TFTP and HTTP leave from the address of the client namespace, not from the leased one, which is
/// never configured on an interface.
/// </summary>
public sealed class StormClient
{
    private const int DhcpTries = 4;
    private readonly StormOptions _options;
    private readonly byte[] _mac;
    private readonly StormArchitecture _architecture;

    public StormClient(StormOptions options, int index, StormArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _architecture = architecture;
        _mac = [options.MacPrefix, 0x00, 0x5e, (byte)(index >> 16), (byte)(index >> 8), (byte)index];
    }

    /// <summary>Plays the whole boot; the result says which step failed, if one did.</summary>
    public StormClientResult Run(DhcpClientSocket dhcp, HttpClient http, DateTime deadlineUtc)
    {
        ArgumentNullException.ThrowIfNull(dhcp);
        ArgumentNullException.ThrowIfNull(http);
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        try
        {
            var xid = (uint)Random.Shared.Next();
            var offer = dhcp.Exchange(Discover(xid), DhcpMessageType.Offer, _options.DhcpTimeout, DhcpTries, deadlineUtc);
            if (offer is null || offer.MessageType != DhcpMessageType.Offer)
            {
                return Failed("dhcp: no OFFER", clock, bytes);
            }

            var ack = dhcp.Exchange(Request(xid, offer), DhcpMessageType.Ack, _options.DhcpTimeout, DhcpTries, deadlineUtc);
            if (ack is null || ack.MessageType != DhcpMessageType.Ack)
            {
                return Failed(ack is null ? "dhcp: no ACK" : "dhcp: NAK", clock, bytes);
            }

            var bootFile = ack.BootFile.Length > 0 ? ack.BootFile : ack.GetString(DhcpOptionCode.BootFileName) ?? "";
            if (bootFile.Length == 0)
            {
                return Failed("dhcp: the ACK names no boot program", clock, bytes);
            }

            var nextServer = ack.ServerAddress.Equals(IPAddress.Any) ? _options.Server : ack.ServerAddress;
            var tftp = new TftpDownload(new TftpDownloadOptions
            {
                Server = new IPEndPoint(nextServer, Protocol.Tftp.TftpConstants.ServerPort),
                FileName = bootFile,
                BlockSize = _options.TftpBlockSize,
            }).Run(deadlineUtc);
            bytes += tftp.Bytes;
            if (!tftp.Succeeded)
            {
                return Failed($"tftp {bootFile}: {tftp.Error}", clock, bytes);
            }

            foreach (var path in _options.HttpPaths)
            {
                var got = Fetch(http, nextServer, path, deadlineUtc, out var error);
                bytes += got;
                if (error is not null)
                {
                    return Failed($"http {path}: {error}", clock, bytes);
                }
            }

            return new StormClientResult(_architecture, clock.Elapsed, bytes, null);
        }
#pragma warning disable CA1031 // One client's trouble is a counted failure, never the end of the storm.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Failed($"{e.GetType().Name}: {e.Message}", clock, bytes);
        }
    }

    /// <summary>An HTTP download from the server that answered (its next-server), as a boot script's URLs would name it.</summary>
    private long Fetch(HttpClient http, IPAddress server, string path, DateTime deadlineUtc, out string? error)
    {
        using var cancel = new CancellationTokenSource(Max(deadlineUtc - DateTime.UtcNow, TimeSpan.FromMilliseconds(1)));
        var uri = new Uri($"http://{server}:{_options.HttpPort}/{path.TrimStart('/')}");
        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        if (!response.IsSuccessStatusCode)
        {
            error = $"status {(int)response.StatusCode}";
            return 0;
        }

        using var body = response.Content.ReadAsStream(cancel.Token);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = body.Read(buffer)) > 0)
        {
            total += read;
        }

        error = response.Content.Headers.ContentLength is { } expected && expected != total ? $"got {total} of {expected} bytes" : null;
        return total;
    }

    // What PXE firmware sends (PXE 2.1, RFC 4578): the PXEClient vendor class with the architecture,
    // option 93 (architecture), 94 (UNDI 2.1) and 97 (machine GUID), and a parameter request list.
    private DhcpMessage Discover(uint xid)
    {
        var message = Base(xid);
        message.MessageType = DhcpMessageType.Discover;
        return message;
    }

    private DhcpMessage Request(uint xid, DhcpMessage offer)
    {
        var message = Base(xid);
        message.MessageType = DhcpMessageType.Request;
        message.SetAddress(DhcpOptionCode.RequestedIpAddress, offer.YourAddress);
        if (offer.ServerIdentifier is { } server)
        {
            message.SetAddress(DhcpOptionCode.ServerIdentifier, server);
        }

        return message;
    }

    private DhcpMessage Base(uint xid)
    {
        var message = new DhcpMessage { TransactionId = xid, ClientHardwareAddress = _mac, Flags = DhcpConstants.BroadcastFlag };
        var arch = (ushort)_architecture;
        message.SetString(DhcpOptionCode.VendorClassIdentifier, $"PXEClient:Arch:{arch:D5}:UNDI:002001");
        message.SetOption(DhcpOptionCode.ClientSystemArchitecture, [(byte)(arch >> 8), (byte)arch]);
        message.SetOption((DhcpOptionCode)94, [1, 2, 1]);
        message.SetOption((DhcpOptionCode)97, [0, .. _mac, .. _mac, 0, 0, 0, 0]);
        message.SetOption(DhcpOptionCode.ParameterRequestList, [1, 3, 6, 43, 60, 66, 67, 128, 129, 130]);
        message.SetOption(DhcpOptionCode.MaximumMessageSize, [0x05, 0xC0]);
        return message;
    }

    private StormClientResult Failed(string why, Stopwatch clock, long bytes) =>
        new(_architecture, clock.Elapsed, bytes, $"{MacText()}: {why}");

    private string MacText() => string.Join(':', _mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
