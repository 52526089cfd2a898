namespace PxeKit.Server.Leases;

/// <summary>One change to the lease store: the client's lease saved, or (with no lease) deleted.</summary>
internal readonly record struct LeaseWrite(ClientKey Client, Lease? Saved)
{
    public static LeaseWrite Save(Lease lease) => new(lease.Client, lease);

    public static LeaseWrite Delete(ClientKey client) => new(client, null);
}
