namespace PxeKit.Core.Events;

/// <summary>What the external boot API was asked and how it failed, as typed values (<see cref="BootStep.BootApiFailed"/>).</summary>
public sealed record BootApiFacts
{
    /// <summary>The URL asked: <c>http://provisioner:8080/v1/boot/52:54:00:12:34:56</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? Status { get; init; }

    public required BootApiFailure Failure { get; init; }
}
