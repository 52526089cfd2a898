using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using PxeKit.Core.Processes;

namespace PxeKit.Cli.Boot;

/// <summary>How to run this same pxekit again as a child process (e.g. <c>serve</c> inside the lab).</summary>
internal static class SelfCommand
{
    // Assembly.Location is empty in a Native AOT (single-file) build; it is read only to run the
    // assembly again under the dotnet host, and an empty one falls back to running the process itself.
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location is handled: the AOT binary is its own host.")]
    public static Command Create(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? new Command(host, [entry, .. arguments])
            : new Command(host, arguments);
    }
}
