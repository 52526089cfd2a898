using System.Runtime.InteropServices;

namespace PxeKit.Tests.Shared;

/// <summary>
/// A test that needs this host to have something a unit run may lack: root (network namespaces, packet capture,
/// the firewall), or programs and files from Debian's packages. Outside CI it is skipped with the reason when the
/// host lacks them, so a normal user's unit run says what it left out; in CI (CI set) it always runs, and fails
/// when the machine lacks them: a CI that skipped would hide a missing install step.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class HostFactAttribute : FactAttribute
{
    /// <summary>Needs root (true by default: most such tests build network namespaces).</summary>
    public bool Root { get; set; } = true;

    /// <summary>Programs that must be on the PATH.</summary>
    public string[] Programs { get; set; } = [];

    /// <summary>Files that must exist (firmware, boot programs from packages).</summary>
    public string[] Files { get; set; } = [];

    /// <summary>Shared libraries that must load, by file name (<see cref="HostNeeds.Libpcap"/>).</summary>
    public string[] Libraries { get; set; } = [];

    /// <summary>
    /// A unit test that needs only programs, files or libraries, no root: a unit run runs it where the host has them and
    /// skips it with the reason where not. False: a unit run leaves it out.
    /// </summary>
    public bool Unit { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? HostNeeds.Missing(Root, Programs, Files, Libraries, Unit);
        set => base.Skip = value;
    }
}

/// <summary>The theory form of <see cref="HostFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class HostTheoryAttribute : TheoryAttribute
{
    public bool Root { get; set; } = true;

    public string[] Programs { get; set; } = [];

    public string[] Files { get; set; } = [];

    public string[] Libraries { get; set; } = [];

    public bool Unit { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? HostNeeds.Missing(Root, Programs, Files, Libraries, Unit);
        set => base.Skip = value;
    }
}

/// <summary>What a host test lacks here, as a skip reason; null when nothing is missing or when running in CI.</summary>
internal static class HostNeeds
{
    /// <summary>libpcap as Debian's libpcap0.8 installs it: capture files are read through it.</summary>
    public const string Libpcap = "libpcap.so.0.8";

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string? Missing(bool root, IEnumerable<string> programs, IEnumerable<string> files, IEnumerable<string> libraries, bool unit)
    {
        if (InCi)
        {
            return null;
        }

        if ((root || !unit) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PXEKIT_UNIT")))
        {
            return "a unit run (scripts/test.sh --unit) leaves out the tests that need the host";
        }

        var missing = new List<string>();
        if (root && Environment.UserName != "root")
        {
            missing.Add("root (it creates network namespaces or captures packets)");
        }

        missing.AddRange(programs.Where(p => !OnPath(p)).Select(p => $"the program {p}"));
        missing.AddRange(files.Where(f => !File.Exists(f)).Select(f => $"the file {f}"));
        missing.AddRange(libraries.Where(l => !Loads(l)).Select(l => $"the library {l}"));
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)}: sudo ./scripts/test.sh installs and runs everything";
    }

    private static bool Loads(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
