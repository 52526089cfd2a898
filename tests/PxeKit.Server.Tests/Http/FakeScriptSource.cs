using System.Collections.Concurrent;
using System.Net;
using PxeKit.Server.Http;

namespace PxeKit.Server.Tests.Http;

/// <summary>Serves one script at one path and remembers every question it was asked.</summary>
internal sealed class FakeScriptSource(string path, string content) : IBootScriptSource
{
    public ConcurrentQueue<(string Path, IPAddress Client, IReadOnlyDictionary<string, string> Query)> Calls { get; } = new();

    public bool Throw { get; set; }

    public ValueTask<BootScript?> FindAsync(string path1, IPAddress client, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken)
    {
        Calls.Enqueue((path1, client, query));
        if (Throw)
        {
            throw new InvalidOperationException("policy broke");
        }

        return ValueTask.FromResult(path1 == path ? new BootScript(content.Replace("${mac}", query.GetValueOrDefault("mac", "?"), StringComparison.Ordinal), "text/plain") : null);
    }
}
