using Microsoft.Extensions.Logging;

namespace PxeKit.Server.Dhcp;

/// <summary>One listener per interface that has a scope, all feeding one handler.</summary>
public sealed class DhcpServer : IDisposable
{
    private readonly List<DhcpListener> _listeners = [];

    public DhcpServer(DhcpServerOptions options, IDhcpHandler handler, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        try
        {
            foreach (var name in options.Scopes.Select(s => s.Interface).Distinct(StringComparer.Ordinal))
            {
                _listeners.Add(new DhcpListener(name, options.Port, handler, loggerFactory.CreateLogger<DhcpListener>()));
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
