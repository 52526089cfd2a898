using System.Globalization;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Config;

/// <summary>The names a configuration may use for option 93 values.</summary>
public static class ArchitectureNames
{
    private static readonly Dictionary<string, ClientArchitecture[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bios"] = [ClientArchitecture.IntelX86Pc],
        ["uefi-ia32"] = [ClientArchitecture.EfiIa32],
        // x64 UEFI firmware sends 7 (EFI BC, what edk2 sends) or 9 (EFI x86-64): both are the same machines.
        ["uefi-x64"] = [ClientArchitecture.EfiBc, ClientArchitecture.EfiX64],
        ["arm32"] = [ClientArchitecture.EfiArm32],
        ["arm64"] = [ClientArchitecture.EfiArm64],
        ["uefi-ia32-http"] = [ClientArchitecture.EfiX86Http],
        ["uefi-x64-http"] = [ClientArchitecture.EfiX64Http],
        ["arm32-http"] = [ClientArchitecture.EfiArm32Http],
        ["arm64-http"] = [ClientArchitecture.EfiArm64Http],
        ["bios-http"] = [ClientArchitecture.PcBiosHttp],
    };

    public static IEnumerable<string> Known => Names.Keys;

    /// <summary>A number (0-65535) or one of the names; a name may stand for several values.</summary>
    public static bool TryParse(string text, out IReadOnlyList<ClientArchitecture> architectures)
    {
        architectures = [];
        if (text is null)
        {
            return false; // an empty list item in YAML (found by fuzzing)
        }

        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            architectures = [(ClientArchitecture)number];
            return true;
        }

        if (Names.TryGetValue(text.Trim(), out var values))
        {
            architectures = values;
            return true;
        }

        return false;
    }
}
