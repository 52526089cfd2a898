namespace PxeKit.Core.Events;

/// <summary>What an HTTP step carried, as typed values.</summary>
public sealed record HttpFacts
{
    /// <summary>GET, HEAD, ...</summary>
    public required string Method { get; init; }

    /// <summary>The response's status, once there is one.</summary>
    public int? Status { get; init; }

    /// <summary>The request asked for a byte range.</summary>
    public bool Ranged { get; init; }

    /// <summary>The body was a boot script generated for the client, not a file.</summary>
    public bool Script { get; init; }
}
