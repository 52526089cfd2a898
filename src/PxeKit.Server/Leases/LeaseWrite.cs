namespace PxeKit.Server.Leases;

/// <summary>One change to the lease store: the client's lease saved, or (with no lease) deleted.</summary>
internal readonly record struct LeaseWrite(string Mac, Lease? Saved)
{
    public static LeaseWrite Save(Lease lease) => new(lease.Mac, lease);

    public static LeaseWrite Delete(string mac) => new(mac, null);
}
