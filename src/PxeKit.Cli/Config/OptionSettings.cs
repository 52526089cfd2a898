using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Cli.Config;

/// <summary>Turns <c>options:</c> into the options replies carry, naming every mistake with where it is.</summary>
internal static class OptionSettings
{
    /// <param name="at">Where the list is in the file, for the errors: <c>dhcp.options</c>, <c>profiles[2].options</c>.</param>
    public static List<ConfiguredOption> Build(List<OptionSection>? sections, string at, List<string> errors)
    {
        var options = new List<ConfiguredOption>();
        var seen = new HashSet<byte>();
        int index = 0;
        foreach (var section in sections ?? [])
        {
            index++;
            var where = $"{at}[{index}]";
            if (section is null)
            {
                errors.Add($"{where}: an empty entry");
                continue;
            }

            if (Resolve(section, where, errors) is not var (code, type))
            {
                continue;
            }

            if (ConfiguredOption.Reserved(code) is { } why)
            {
                errors.Add($"{where}: option {code} cannot be set here: {why}");
                continue;
            }

            if (!seen.Add(code))
            {
                errors.Add($"{where}: option {code} is given twice");
                continue;
            }

            if (DhcpOptionEncoding.Encode(type, section.Value ?? [], out var error) is { } value)
            {
                options.Add(new ConfiguredOption(code, value, section.Force ?? false));
            }
            else
            {
                errors.Add($"{where}: option {code} ({DhcpOptionEncoding.Name(type)}): {error}");
            }
        }

        return options;
    }

    private static (byte Code, DhcpOptionType Type)? Resolve(OptionSection section, string where, List<string> errors)
    {
        DhcpOptionType? type = null;
        if (section.Type is { } typeName)
        {
            if (!DhcpOptionEncoding.TryParseName(typeName, out var parsed))
            {
                errors.Add($"{where}: type '{typeName}' is not one of {string.Join(", ", Enum.GetValues<DhcpOptionType>().Select(DhcpOptionEncoding.Name))}");
                return null;
            }

            type = parsed;
        }

        if (section.Name is { } name)
        {
            if (section.Code is not null)
            {
                errors.Add($"{where}: give a name or a code, not both");
                return null;
            }

            if (!DhcpOptionNames.TryFind(name, out var code, out var known))
            {
                errors.Add($"{where}: no option is named '{name}' (known: {string.Join(", ", DhcpOptionNames.All)}); give its code and type instead");
                return null;
            }

            if (type is { } given && given != known)
            {
                errors.Add($"{where}: {name} is of type {DhcpOptionEncoding.Name(known)}, not {DhcpOptionEncoding.Name(given)}");
                return null;
            }

            return (code, known);
        }

        if (section.Code is not { } number)
        {
            errors.Add($"{where}: give the option's name or its code");
            return null;
        }

        if (number is < 1 or > 254)
        {
            errors.Add($"{where}: code {number} is outside 1-254");
            return null;
        }

        if ((type ?? DhcpOptionNames.TypeOf((byte)number)) is not { } resolved)
        {
            errors.Add($"{where}: option {number} needs a type (one of {string.Join(", ", Enum.GetValues<DhcpOptionType>().Select(DhcpOptionEncoding.Name))})");
            return null;
        }

        return ((byte)number, resolved);
    }
}
