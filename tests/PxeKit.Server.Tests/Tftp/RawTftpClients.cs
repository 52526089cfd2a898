using System.Collections;
using System.Net;
using System.Text;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>Several hand-driven peers on one address, each on its own port: to one server, several clients.</summary>
internal sealed class RawTftpClients(IPAddress address, int count) : IEnumerable<RawTftpClient>, IDisposable
{
    private readonly RawTftpClient[] _clients = [.. Enumerable.Range(0, count).Select(_ => new RawTftpClient(address))];

    /// <summary>Each peer sends one read request for the file, in turn.</summary>
    public async Task RequestAsync(TftpTestHost host, string file)
    {
        foreach (var client in _clients)
        {
            await client.SendRequestAsync(host.EndPoint, Encoding.ASCII.GetBytes(file));
        }
    }

    public IEnumerator<RawTftpClient> GetEnumerator() => ((IEnumerable<RawTftpClient>)_clients).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
