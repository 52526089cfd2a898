using System.Net;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Machines;

namespace PxeKit.Server.Tests.Machines;

public sealed class MachineReservationsTests
{
    private const string Mac = "52:54:00:00:00:01";

    private static readonly DhcpScope Lab = new()
    {
        Interface = "lab0",
        ServerAddress = IPAddress.Parse("10.0.2.1"),
        SubnetMask = IPAddress.Parse("255.255.255.0"),
        RangeStart = IPAddress.Parse("10.0.2.100"),
        RangeEnd = IPAddress.Parse("10.0.2.199"),
        Reservations = [new DhcpReservation("52:54:00:00:00:aa", IPAddress.Parse("10.0.2.50"))],
    };

    private static readonly DhcpScope Relayed = Lab with
    {
        RelayedNetwork = IPAddress.Parse("10.9.0.0"),
        RangeStart = IPAddress.Parse("10.9.0.100"),
        RangeEnd = IPAddress.Parse("10.9.0.199"),
        Reservations = [],
    };

    [Fact]
    public void Each_reservation_goes_to_the_scope_whose_subnet_holds_it_and_the_configuration_wins()
    {
        var served = MachineReservations.Apply([Lab, Relayed],
        [
            new MachineOverride(Mac, IPAddress.Parse("10.0.2.60"), "web1", false),
            new MachineOverride("52:54:00:00:00:02", IPAddress.Parse("10.9.0.7"), null, false),
            new MachineOverride("52:54:00:00:00:aa", IPAddress.Parse("10.0.2.61"), null, false),
            new MachineOverride("52:54:00:00:00:03", null, null, true),
        ]);

        Assert.Equal([Lab.Reservations[0], new DhcpReservation(Mac, IPAddress.Parse("10.0.2.60"), "web1")], served[0].Reservations);
        Assert.Equal([new DhcpReservation("52:54:00:00:00:02", IPAddress.Parse("10.9.0.7"))], served[1].Reservations);
        Assert.Same(Lab, MachineReservations.Apply([Lab], [])[0]);
    }

    [Theory]
    [InlineData("10.0.3.5", null, "10.0.3.5 is on no served subnet (10.0.2.0/24)")]
    [InlineData("10.0.2.0", null, "10.0.2.0 is the network address of 10.0.2.0/24")]
    [InlineData("10.0.2.255", null, "10.0.2.255 is the broadcast address of 10.0.2.0/24")]
    [InlineData("10.0.2.1", null, "10.0.2.1 is the server's own address on lab0")]
    [InlineData("10.0.2.60", "web_1", "'web_1' is not a host name (letters, digits, '-' and '.', at most 253 characters)")]
    public void An_address_no_state_makes_right_is_invalid(string address, string? hostName, string problem)
    {
        var invalid = new List<string>();
        var conflicts = new List<string>();

        MachineReservations.Check([Lab], [], Mac, IPAddress.Parse(address), hostName, null, invalid, conflicts);

        Assert.Equal([problem], invalid);
        Assert.Empty(conflicts);
    }

    [Fact]
    public void A_server_without_scopes_has_nothing_to_reserve_in()
    {
        var invalid = new List<string>();
        var conflicts = new List<string>();

        MachineReservations.Check([], [], Mac, IPAddress.Parse("10.0.2.60"), null, null, invalid, conflicts);

        Assert.Equal(["this server gives no addresses (proxy DHCP, or DHCP off): there is no scope to reserve in"], invalid);
    }

    [Fact]
    public void Another_holder_of_the_address_and_a_reservation_of_the_configuration_are_conflicts()
    {
        var invalid = new List<string>();
        var conflicts = new List<string>();
        MachineOverride[] api = [new("52:54:00:00:00:02", IPAddress.Parse("10.0.2.50"), null, false)];

        MachineReservations.Check([Lab], api, Mac, IPAddress.Parse("10.0.2.50"), null, "52:54:00:00:00:03", invalid, conflicts);
        MachineReservations.Check([Lab], [], "52:54:00:00:00:aa", IPAddress.Parse("10.0.2.70"), null, "52:54:00:00:00:aa", invalid, conflicts);

        Assert.Empty(invalid);
        Assert.Equal(
            [
                "10.0.2.50 is reserved for 52:54:00:00:00:aa in the configuration",
                "10.0.2.50 is reserved for 52:54:00:00:00:02 through the API",
                "10.0.2.50 is leased now to 52:54:00:00:00:03",
                "the configuration reserves 10.0.2.50 for 52:54:00:00:00:aa, and it wins: change it there",
            ],
            conflicts);
    }
}
