using System.Reflection;
using PxeKit.Lab.Processes;

namespace PxeKit.Cli.Boot;

/// <summary>How to run this same pxekit again as a child process (e.g. <c>serve</c> inside the lab).</summary>
internal static class SelfCommand
{
    public static Command Create(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? new Command(host, [entry, .. arguments])
            : new Command(host, arguments);
    }
}
