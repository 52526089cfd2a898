using System.Net;

namespace PxeKit.Server.Http;

/// <summary>
/// Renders scripts that do not exist as files (the boot policy implements it, and the external boot API in front of it).
/// Every GET and HEAD is offered here first; a null answer falls back to the files under the root.
/// </summary>
public interface IBootScriptSource
{
    /// <summary>
    /// The script for one request, or null when this path is not a script. Called concurrently from many requests; it may
    /// wait on another service (the boot API), and then must bound that wait itself.
    /// </summary>
    /// <param name="path">The URL path, percent-decoded once, with its leading slash: <c>/boot.ipxe</c>.
    /// It has not been through the path jail: do not use it as a file name.</param>
    /// <param name="client">The client's address (IPv4 when the client spoke IPv4).</param>
    /// <param name="query">The query parameters, decoded; the first value when a name repeats
    /// (<c>/boot.ipxe?mac=52:54:00:12:34:56</c> gives <c>mac</c>).</param>
    /// <param name="cancellationToken">Cancelled when the client has gone: nobody waits for the script any more.</param>
    ValueTask<BootScript?> FindAsync(string path, IPAddress client, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken);
}
