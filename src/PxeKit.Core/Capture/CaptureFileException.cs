namespace PxeKit.Core.Capture;

/// <summary>A capture file that cannot be read: missing, unreadable, or not a pcap or pcapng file.</summary>
public sealed class CaptureFileException : Exception
{
    public CaptureFileException()
    {
    }

    public CaptureFileException(string message)
        : base(message)
    {
    }

    public CaptureFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
