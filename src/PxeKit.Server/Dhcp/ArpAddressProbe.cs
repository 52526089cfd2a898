using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Interop;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// Probes addresses on the served link with ARP (RFC 5227 probes, sender address 0.0.0.0): one AF_PACKET
/// socket opened at start, one loop reading every ARP packet that claims an address, and a waiter per
/// address probed. How many probes run at once, and how often one address is probed, is
/// <see cref="OfferProbes"/>'s business.
/// </summary>
public sealed class ArpAddressProbe : IAddressProbe, IDisposable
{
    /// <summary>
    /// How long a probe waits for an answer. A host on a switched LAN answers ARP within a few
    /// milliseconds, tens when it is busy; 300 ms is ten times that, and far inside the 4 s after which
    /// PXE firmware repeats its DISCOVER, so a free address costs the client nothing it notices.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(300);

    private readonly ArpSocket _socket;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<IPAddress, TaskCompletionSource<PhysicalAddress?>> _waiting = new();
    private readonly CancellationTokenSource _stop = new();

    private ArpAddressProbe(ArpSocket socket, ILogger logger, TimeProvider time)
    {
        _socket = socket;
        _logger = logger;
        _time = time;
        _ = Task.Run(ReceiveAsync);
    }

    /// <summary>
    /// Opens the probe on <paramref name="interfaceName"/>, or says why it cannot (no CAP_NET_RAW, an
    /// interface without a MAC) and returns null: the server then offers without probing.
    /// </summary>
    public static ArpAddressProbe? TryOpen(string interfaceName, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            return new ArpAddressProbe(ArpSocket.Open(interfaceName), logger, time);
        }
        catch (SocketException e)
        {
            Log.ProbeUnavailable(logger, interfaceName, e.Message);
            return null;
        }
    }

    public async Task<PhysicalAddress?> ProbeAsync(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var answer = new TaskCompletionSource<PhysicalAddress?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = _waiting.GetOrAdd(address, answer);
        if (waiter != answer)
        {
            // Already being probed: wait for that probe's answer.
            return await waiter.Task.ConfigureAwait(false);
        }

        try
        {
            await _socket.SendProbeAsync(address, _stop.Token).ConfigureAwait(false);
            using var bound = new CancellationTokenSource(Bound, _time);
            using var registration = bound.Token.Register(() => answer.TrySetResult(null));
            return await answer.Task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // An address that could not be probed is offered as firmware would take it: the client's own
            // check (and its DECLINE) is the second line.
            Log.ProbeFailed(_logger, address, e.Message);
            return null;
        }
        finally
        {
            _waiting.TryRemove(new KeyValuePair<IPAddress, TaskCompletionSource<PhysicalAddress?>>(address, answer));
        }
    }

    private async Task ReceiveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var (address, mac) = await _socket.ReceiveClaimAsync(_stop.Token).ConfigureAwait(false);
                if (_waiting.TryGetValue(address, out var waiter))
                {
                    waiter.TrySetResult(mac);
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                // The interface went away: later probes answer null (their sends fail) until it is back.
                Log.ProbeFailed(_logger, IPAddress.Any, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }
}
