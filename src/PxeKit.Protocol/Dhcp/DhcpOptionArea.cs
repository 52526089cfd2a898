namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// The areas of a message that may carry options, in the order RFC 3396 section 7 concatenates them:
/// the options field, then <c>file</c>, then <c>sname</c> when option 52 overloads them.
/// </summary>
[Flags]
public enum DhcpOptionArea : byte
{
    Options = 0,
    /// <summary>Option 52 value 1: the <c>file</c> field holds options.</summary>
    File = 1,
    /// <summary>Option 52 value 2: the <c>sname</c> field holds options.</summary>
    ServerName = 2,
}
