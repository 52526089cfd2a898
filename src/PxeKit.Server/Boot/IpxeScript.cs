using System.Text;
using PxeKit.Server.BootApi;

namespace PxeKit.Server.Boot;

/// <summary>
/// The iPXE scripts PxeKit hands to iPXE. Paths are relative: iPXE resolves them against the
/// script's own URL, so the kernel comes from the server and protocol the script came from.
/// </summary>
public static class IpxeScript
{
    public const string ContentType = "text/plain; charset=utf-8";

    /// <summary>
    /// Boots a kernel. Each initrd is also named on the kernel command line: Debian's iPXE EFI build
    /// (2019) hands the initrd to the kernel's EFI stub only by name, and a BIOS kernel ignores it.
    /// </summary>
    /// <param name="value">The client's template variables, for the command line (<see cref="BootTemplate"/>).</param>
    public static string Kernel(BootProfile profile, string mac, Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var commandLine = BootTemplate.Render(profile.CommandLine ?? "", value, out var missing);
        if (commandLine is null)
        {
            // Never a command line with a hole in it: the machine is told why, and goes on to its next boot device.
            return $"#!ipxe\necho PxeKit: profile {profile.Name} cannot boot {mac}: its cmdline needs {{{{ {missing} }}}}, which PxeKit does not know for this client\nexit 1\n";
        }

        var text = new StringBuilder("#!ipxe\n");
        text.Append($"echo PxeKit: profile {profile.Name} boots {profile.Kernel} on {mac}\n");
        return Boot(text, profile.Kernel!, profile.Initrds, commandLine);
    }

    /// <summary>
    /// Boots what the external boot API said (<paramref name="kernel"/>: absolute URLs, checked to hold no control
    /// character), after its message, if any.
    /// </summary>
    public static string BootApi(BootApiKernel kernel, string mac)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var text = new StringBuilder("#!ipxe\n");
        text.Append($"echo PxeKit: the boot API boots {kernel.Kernel.AbsoluteUri} on {mac}\n");
        if (kernel.Message is { } message)
        {
            text.Append($"echo {message}\n");
        }

        // Each initrd is named on the command line by the last segment of its URL's path, the name iPXE gives the image.
        return Boot(text, kernel.Kernel.AbsoluteUri, [.. kernel.Initrds.Select(i => i.AbsoluteUri)], kernel.CommandLine, kernel.Initrds.Select(i => i.Segments[^1]));
    }

    /// <summary>The kernel, its initrds (each named on the command line too) and <c>boot</c>.</summary>
    private static string Boot(StringBuilder text, string kernel, IReadOnlyList<string> initrds, string commandLine, IEnumerable<string>? initrdNames = null)
    {
        var arguments = string.Join(' ', (initrdNames ?? initrds.Select(Path.GetFileName)).Select(n => "initrd=" + n).Append(commandLine)).Trim();
        text.Append($"kernel {kernel} {arguments}".TrimEnd()).Append('\n');
        foreach (var initrd in initrds)
        {
            text.Append($"initrd {initrd}\n");
        }

        text.Append("boot\n");
        return text.ToString();
    }

    /// <summary>
    /// The menu of <paramref name="profile"/>: iPXE shows it, and asks for the script of the entry chosen (the server
    /// journals the choice); nothing chosen and no default, or the menu cancelled, leaves iPXE.
    /// </summary>
    public static string Menu(BootProfile profile, string mac, int architecture)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var menu = profile.Menu ?? throw new ArgumentException($"profile {profile.Name} has no menu", nameof(profile));
        var text = new StringBuilder("#!ipxe\n");
        text.Append($"menu {menu.Title}\n");
        foreach (var item in menu.Items)
        {
            text.Append($"item {item} {item}\n");
        }

        var timeout = menu.Default is null ? "" : $" --timeout {(long)menu.Timeout.TotalMilliseconds} --default {menu.Default}";
        text.Append($"choose{timeout} selected || exit\n");
        // The MAC with hyphens: iPXE (2019) reads everything before a relative URI's first colon as its scheme.
        text.Append($"chain {ProfileBootPolicy.ScriptPath}?mac={mac.Replace(':', '-')}&arch={architecture}&profile=${{selected}}\n");
        return text.ToString();
    }

    /// <summary>Leaves iPXE, so the firmware goes on to the next boot device (the local disk).</summary>
    public static string LocalBoot(BootProfile profile, string mac)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return $"#!ipxe\necho PxeKit: profile {profile.Name} sends {mac} to its local disk\nexit\n";
    }
}
