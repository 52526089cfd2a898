namespace PxeKit.Cli.Config;

/// <summary>One entry of <c>dhcp.reservations</c>.</summary>
public sealed class ReservationSection
{
    public string? Mac { get; set; }

    public string? Address { get; set; }

    public string? Hostname { get; set; }
}
