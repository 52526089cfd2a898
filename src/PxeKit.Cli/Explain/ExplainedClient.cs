namespace PxeKit.Cli.Explain;

/// <summary>The client <c>explain</c> is asked about, as its options give it.</summary>
internal sealed record ExplainedClient(string? Mac, string? Arch = null, string? VendorClass = null, string? UserClass = null, string? Relay = null)
{
    public string? Uuid { get; init; }

    public string? HostName { get; init; }

    public string? CircuitId { get; init; }

    public string? RemoteId { get; init; }
}
