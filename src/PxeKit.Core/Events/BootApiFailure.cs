namespace PxeKit.Core.Events;

/// <summary>Why the external boot API (<c>boot-api:</c>) gave no usable answer about a machine.</summary>
public enum BootApiFailure
{
    /// <summary>No answer within <c>boot-api-timeout</c>.</summary>
    Timeout,

    /// <summary>No connection: refused, no route, the name does not resolve, or it broke before an answer.</summary>
    Unreachable,

    /// <summary>An HTTP status other than 200 (boot this) and 404 (not for us): a 5xx, say (<see cref="BootApiFacts.Status"/>).</summary>
    BadStatus,

    /// <summary>A 200 whose body is not the reply format: not JSON, no kernel, a URL that is not http(s), a control character.</summary>
    BadReply,

    /// <summary>A body larger than PxeKit reads (64 KiB).</summary>
    TooLarge,
}
