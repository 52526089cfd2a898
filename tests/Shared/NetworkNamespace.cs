using PxeKit.Core.Interop;

namespace PxeKit.Tests.Shared;

/// <summary>Code run inside a network namespace from this process.</summary>
internal static class NetworkNamespace
{
    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own moved into the namespace <paramref name="name"/> (setns), so
    /// that what it asks the kernel, and the sockets it opens, are the namespace's; the thread then ends. Everything else
    /// of the process stays where it was.
    /// </summary>
    public static T Run<T>(string name, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{name}");
                int errno = LibC.EnterNetworkNamespace((int)handle.DangerousGetHandle());
                result = errno == 0 ? work() : throw new InvalidOperationException($"setns into {name} failed: errno {errno}");
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"could not run in the namespace {name}", failure);
    }
}
