namespace PxeKit.Diagnostics.Firewall;

/// <summary>What a rule does when it matches.</summary>
internal enum RuleAction
{
    /// <summary>Ends this base chain for the packet (other base chains on the same hook still see it).</summary>
    Accept,
    Drop,
    Reject,

    /// <summary>Into a user chain, back here at its end or at a RETURN.</summary>
    Jump,

    /// <summary>Into a user chain, never back here.</summary>
    Goto,
    Return,

    /// <summary>Nothing that decides the packet (LOG, counter, MARK, CT, no target at all): the next rule follows.</summary>
    Continue,

    /// <summary>A verdict PxeKit does not evaluate (QUEUE, verdict maps): said in a note, then treated as Continue.</summary>
    Unmodeled,
}
