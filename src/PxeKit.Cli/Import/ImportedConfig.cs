using PxeKit.Cli.Config;

namespace PxeKit.Cli.Import;

/// <summary>What a dnsmasq configuration became: PxeKit's configuration, its options, and the lines left behind.</summary>
public sealed class ImportedConfig
{
    /// <summary>The configuration, in the classes <see cref="ConfigFile"/> reads the file into.</summary>
    public PxeKitConfig Config { get; } = new();

    /// <summary>
    /// The <c>options:</c> of each <see cref="DhcpSection"/> and <see cref="ProfileSection"/> that has some, by reference
    /// (those classes have no such key yet).
    /// </summary>
    public Dictionary<object, List<ImportedOption>> Options { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every line not mapped, or mapped only in part, with why; in file order.</summary>
    public List<NotMappedDirective> Unmapped { get; } = [];

    /// <summary>What the file as a whole leaves to say (no tftp-root, TFTP not enabled), for standard error.</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyList<ImportedOption> OptionsOf(object section) => Options.TryGetValue(section, out var list) ? list : [];

    /// <summary>Gives <paramref name="section"/> the option, in place of one of the same code it had.</summary>
    internal void SetOption(object section, ImportedOption option)
    {
        if (!Options.TryGetValue(section, out var list))
        {
            Options[section] = list = [];
        }

        int at = list.FindIndex(o => o.Code == option.Code);
        if (at >= 0)
        {
            list[at] = option;
        }
        else
        {
            list.Add(option);
        }
    }
}
