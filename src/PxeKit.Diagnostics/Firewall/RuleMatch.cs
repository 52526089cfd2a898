namespace PxeKit.Diagnostics.Firewall;

/// <summary>Whether a rule (or one of its conditions) matches the packet in question.</summary>
internal enum RuleMatch
{
    /// <summary>Certainly not: wrong protocol, port outside the rule's ports, a state the packet does not have.</summary>
    Never,

    /// <summary>Depends on something the question does not say (addresses, interfaces, marks, limits, ...).</summary>
    Maybe,

    /// <summary>Certainly.</summary>
    Always,
}
