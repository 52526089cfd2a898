namespace PxeKit.Cli.Import;

/// <summary>What a dnsmasq tag can stand for that a PxeKit profile's <c>match:</c> can say.</summary>
public enum ClientConditionKind
{
    /// <summary>Every request (a tag set unconditionally, or by the only range).</summary>
    Everyone,

    /// <summary>Option 93, any of the values (<c>match: arch</c>).</summary>
    Arch,

    /// <summary>Option 60 (<c>match: vendor-class</c>).</summary>
    VendorClass,

    /// <summary>Option 77 (<c>match: user-class</c>).</summary>
    UserClass,

    /// <summary>The interface the request arrived on (<c>match: interface</c>).</summary>
    Interface,

    /// <summary>A set of MACs (<c>groups:</c> and <c>match: group</c>).</summary>
    Group,
}
