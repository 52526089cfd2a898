namespace PxeKit.Load.Conformance;

/// <summary>How strongly the RFC asks for what a case checks (RFC 2119 key words).</summary>
public enum ConformanceLevel
{
    /// <summary>MUST or MUST NOT: a server that fails it does not implement the RFC.</summary>
    Must,

    /// <summary>SHOULD or SHOULD NOT: the RFC allows a reason to differ.</summary>
    Should,

    /// <summary>Not an RFC key word: what a server on a shared segment owes its other clients (issue 13).</summary>
    Hostility,
}
