using PxeKit.Core.Events;

namespace PxeKit.Server.BootApi;

/// <summary>
/// What the boot API said about one machine: boot this (<see cref="Kernel"/>), not for this API (404: neither is set), or
/// a failure (<see cref="Failure"/>, with <see cref="Problem"/> for people).
/// </summary>
public sealed record BootApiAnswer
{
    /// <summary>404: the machine is not for this API; its profiles decide.</summary>
    public static readonly BootApiAnswer NotForUs = new();

    public BootApiKernel? Kernel { get; init; }

    public BootApiFacts? Failure { get; init; }

    /// <summary>For a failure: what went wrong, in words, for the journal's detail. Rendering only.</summary>
    public string Problem { get; init; } = "";

    public static BootApiAnswer Boot(BootApiKernel kernel) => new() { Kernel = kernel };

    public static BootApiAnswer Failed(Uri url, BootApiFailure failure, string problem, int? status = null) =>
        new() { Failure = new BootApiFacts { Url = url.AbsoluteUri, Failure = failure, Status = status }, Problem = problem };
}
