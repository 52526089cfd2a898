using System.Buffers;

namespace PxeKit.Lab.Network;

/// <summary>Characters a lab name may contain: safe in interface names, file names and shell lines.</summary>
internal static class LabNames
{
    public static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
