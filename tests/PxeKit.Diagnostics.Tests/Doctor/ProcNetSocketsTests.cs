using System.Net;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Doctor;

public sealed class ProcNetSocketsTests
{
    // As /proc/net/udp prints it: 0.0.0.0:67 (0x0043), 10.47.0.1:69 (0x0045; 0x01002F0A read as host order), a connected socket.
    private const string Udp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
         1234: 00000000:0043 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51011 2 0000000000000000 0
         1235: 01002F0A:0045 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51012 2 0000000000000000 0
         1236: 0100007F:D431 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 51013 2 0000000000000000 0
        """;

    // Port 80 listening (0A) on ::, and an established connection (01) that is not a listener.
    private const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 61001 1 0000000000000000 100 0 0 10 0
           1: 0000000000000000FFFF00000100007F:0050 0000000000000000FFFF00000100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 61002 1 0000000000000000 100 0 0 10 0
        """;

    [Fact]
    public void Udp_sockets_are_read_with_address_port_and_inode()
    {
        var sockets = ProcNetSockets.Parse(Udp, tcp: false).ToList();

        Assert.Equal(3, sockets.Count);
        Assert.Equal(new BoundSocket(false, IPAddress.Any, 67, 51011), sockets[0]);
        Assert.Equal(new BoundSocket(false, IPAddress.Parse("10.47.0.1"), 69, 51012), sockets[1]);
    }

    [Fact]
    public void Only_listening_tcp_sockets_count()
    {
        var sockets = ProcNetSockets.Parse(Tcp6, tcp: true).ToList();

        var only = Assert.Single(sockets);
        Assert.Equal(80, only.Port);
        Assert.Equal(IPAddress.IPv6Any, only.Address);
        Assert.Equal(61001, only.Inode);
    }

    [Fact]
    public void Lines_that_are_not_sockets_are_skipped()
    {
        Assert.Empty(ProcNetSockets.Parse("header\nnonsense\n 1: zz:0043 00000000:0000 07 0 0 0 0 0 x 2\n", tcp: false));
    }

    [Fact]
    public void The_socket_tables_of_this_host_list_a_socket_this_test_binds()
    {
        using var socket = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

        var found = ProcNetSockets.Read().Where(s => !s.Tcp && s.Port == port).ToList();
        var owners = SocketOwners.Read();

        var mine = Assert.Single(found);
        Assert.Equal(IPAddress.Loopback, mine.Address);
        Assert.True(owners.TryGetValue(mine.Inode, out var owner), "the socket's owner was not found in /proc/*/fd");
        Assert.Equal(Environment.ProcessId, owner.Pid);
    }
}
