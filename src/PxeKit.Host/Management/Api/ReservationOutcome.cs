namespace PxeKit.Host.Management;

/// <summary>What became of an operator's reservation: stored, refused as not valid (400), or refused for another holder (409).</summary>
public enum ReservationOutcome
{
    Stored,
    Invalid,
    Conflict,
}
