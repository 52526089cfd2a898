namespace PxeKit.Cli.Config;

/// <summary>One entry of <c>options:</c> (in a <c>dhcp:</c> section, a relayed subnet or a profile).</summary>
public sealed class OptionSection
{
    /// <summary>A name PxeKit knows (<c>ntp-servers</c>, <c>domain-search</c>): its code and type go with it.</summary>
    public string? Name { get; set; }

    /// <summary>The option's code, 1-254, for one without a name here (then <see cref="Type"/> is needed).</summary>
    public int? Code { get; set; }

    /// <summary>address, addresses, uint8, uint16, uint32, int32, string, hex, bool or domains.</summary>
    public string? Type { get; set; }

    /// <summary>One value, or a list for addresses and domains.</summary>
    public List<string>? Value { get; set; }

    /// <summary>Sent to every client, not only to those that ask for it in option 55.</summary>
    public bool? Force { get; set; }
}
