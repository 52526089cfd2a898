namespace PxeKit.Core.Capture;

/// <summary>How a capture file may end, for <see cref="CaptureFile.Read(string, CaptureFileEnd)"/>.</summary>
public enum CaptureFileEnd
{
    /// <summary>The file is whole: a frame that cannot be read, at the end or before it, is damage and throws.</summary>
    Complete,

    /// <summary>
    /// The file may still be written (tcpdump is running, its buffer flushed in the middle of a record) or its
    /// writer was killed: a last record cut short ends the read quietly after the last whole frame. Damage
    /// before the end of the file still throws.
    /// </summary>
    MayBeCut,
}
