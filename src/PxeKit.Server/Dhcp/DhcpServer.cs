using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;

namespace PxeKit.Server.Dhcp;

/// <summary>The DHCP side of PxeKit: one listener per binding (interface and port), each with its handler.</summary>
public sealed class DhcpServer : IDisposable
{
    private readonly List<DhcpListener> _listeners = [];

    public DhcpServer(IReadOnlyList<DhcpBinding> bindings, IBootJournal journal, ILoggerFactory loggerFactory, DhcpRateLimit? rateLimit = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        // One limiter for every listener: a client's requests on 67 and 4011 draw from the same bucket.
        time ??= TimeProvider.System;
        var limiter = new DhcpRateLimiter(rateLimit ?? new DhcpRateLimit(), time);
        try
        {
            foreach (var binding in bindings)
            {
                _listeners.Add(new DhcpListener(binding.Interface, binding.Port, binding.Handler, journal, loggerFactory.CreateLogger<DhcpListener>(), limiter, time));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<DhcpListener> Listeners => _listeners;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_listeners.Select(l => l.RunAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }
}
