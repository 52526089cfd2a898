namespace PxeKit.Server.Limits;

/// <summary>Which cap of <see cref="AddressSlots"/> refused a slot.</summary>
public enum SlotRefusal
{
    /// <summary>The address already holds as many as one address may.</summary>
    PerAddress,

    /// <summary>As many are under way as the server runs at once.</summary>
    Total,
}
