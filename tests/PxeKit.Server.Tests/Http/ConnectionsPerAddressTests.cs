using System.Net;
using System.Net.Sockets;
using System.Text;
using PxeKit.Server.Http;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>One host holding connections open takes no more than its share: the rest of the network is still served.</summary>
public sealed class ConnectionsPerAddressTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Past_its_share_a_host_is_cut_off_at_once_and_another_address_is_still_served()
    {
        await using var host = HttpTestHost.Start(output, configure: o => o with { Connections = new HttpConnectionLimits(MaxConnectionsPerAddress: 4) });
        host.CreateFile("kernel", 10_000);
        var held = new List<Socket>();
        try
        {
            // Five connections from one address that send nothing. Kestrel hands accepted connections to the thread
            // pool, so which of the five is the one past the share is not known: exactly one is closed before it is read.
            // The server may cut it off so soon that the client's connect itself ends in a reset.
            int resetAtConnect = 0;
            for (int n = 0; n < 5; n++)
            {
                var socket = await ConnectOrResetAsync(host.Port, IPAddress.Loopback);
                if (socket is null)
                {
                    resetAtConnect++;
                }
                else
                {
                    held.Add(socket);
                }
            }

            var cutOff = await ClosedByServerAsync(held, expected: 1 - resetAtConnect);
            Assert.Equal(1, resetAtConnect + cutOff.Count);
            foreach (var socket in cutOff)
            {
                Assert.Equal(0, await ReadAfterGetAsync(socket));
            }

            using var other = await ConnectAsync(host.Port, IPAddress.Parse("127.0.0.2"));
            Assert.True(await ReadAfterGetAsync(other) > 10_000);

            // The four inside the share are still served.
            foreach (var socket in held.Except(cutOff))
            {
                Assert.True(await ReadAfterGetAsync(socket) > 10_000);
            }
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }

        // Their share comes back once the server has seen the held connections close.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int served = 0;
        while (served == 0 && DateTime.UtcNow < deadline)
        {
            using var again = await ConnectOrResetAsync(host.Port, IPAddress.Loopback);
            served = again is null ? 0 : await ReadAfterGetAsync(again);
        }

        Assert.True(served > 10_000);
    }

    /// <summary>
    /// Waits (10 s at most) until <paramref name="expected"/> of the sockets have been closed by the server: the ones
    /// closed. A socket the server closed is readable with nothing to read. That no other is closed, the caller shows
    /// by having each of the rest served.
    /// </summary>
    private static async Task<List<Socket>> ClosedByServerAsync(List<Socket> sockets, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<Socket> closed;
        while ((closed = sockets.Where(IsClosedByPeer).ToList()).Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return closed;
    }

    private static bool IsClosedByPeer(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Connects, or returns null when the server reset the connection before the connect completed.</summary>
    private static async Task<Socket?> ConnectOrResetAsync(int port, IPAddress from)
    {
        try
        {
            return await ConnectAsync(port, from);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return null;
        }
    }

    private static async Task<Socket> ConnectAsync(int port, IPAddress from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a GET for the kernel and reads until the server closes: the bytes that came back.</summary>
    private static async Task<int> ReadAfterGetAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /kernel HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        }
        catch (SocketException)
        {
            return 0;
        }

        var buffer = new byte[65536];
        int total = 0;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token)) > 0)
            {
                total += read;
            }
        }
        catch (SocketException)
        {
            // Reset by the server: what came before counts.
        }

        return total;
    }
}
