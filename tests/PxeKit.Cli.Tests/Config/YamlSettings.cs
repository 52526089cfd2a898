using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Core.Net;
using PxeKit.Host;

namespace PxeKit.Cli.Tests.Config;

/// <summary>
/// Settings built from a configuration file as <c>serve</c> builds them, for one interface <c>lab0</c> (10.47.0.1/24) that
/// the builder is told exists, a root of the test's own and no lease file.
/// </summary>
internal sealed class YamlSettings : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pxekit-yaml-").FullName;

    /// <summary>Builds from <c>interface: lab0</c>, the root, <c>lease-db: ":memory:"</c> and then <paramref name="yaml"/>.</summary>
    public ServeSettings? Build(string yaml, out List<string> errors)
    {
        var path = Path.Combine(Root, "pxekit.yaml");
        System.IO.File.WriteAllText(path, $"interface: lab0\nroot: {Root}\nlease-db: \":memory:\"\n{yaml}\n");
        errors = [];
        return new ServeSettingsBuilder(Lab0).Build(new ServeArguments { ConfigPath = path }, errors);
    }

    /// <summary>A file under the root, empty: a boot file or kernel a profile names.</summary>
    public void File(string name) => System.IO.File.WriteAllText(Path.Combine(Root, name), "");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static InterfaceAddress? Lab0(string name) => name == "lab0"
        ? new InterfaceAddress("lab0", IPAddress.Parse("10.47.0.1"), IPAddress.Parse("255.255.255.0"), true)
        : null;
}
