namespace PxeKit.Load.Conformance;

/// <summary>How one case ended against one server.</summary>
public enum ConformanceOutcome
{
    Pass,

    /// <summary>The server did what the case forbids, or did not do what it requires; the result says what was seen.</summary>
    Fail,

    /// <summary>The case could not be played against this server (a port it does not serve, an option not given); the result says why.</summary>
    NotApplicable,
}
