using System.Text.Json;

namespace PxeKit.Server.BootApi;

/// <summary>
/// A 200 answer's body as sent (pixiecore's format): <c>{"kernel": URL, "initrd": [URL, ...], "cmdline": "..." or {...},
/// "message": "..."}</c>. <see cref="BootApiReplyReader"/> checks it and makes a <see cref="BootApiKernel"/> of it.
/// </summary>
internal sealed class BootApiReply
{
    public string? Kernel { get; set; }

    public List<string>? Initrd { get; set; }

    /// <summary>A string (the command line as is) or an object (each key <c>k=v</c>, <c>true</c>: <c>k</c> alone, <c>{"url": U}</c>: <c>k=U</c>).</summary>
    public JsonElement? Cmdline { get; set; }

    public string? Message { get; set; }
}
