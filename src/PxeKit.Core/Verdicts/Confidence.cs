namespace PxeKit.Core.Verdicts;

/// <summary>How sure a verdict is.</summary>
public enum Confidence
{
    /// <summary>The evidence admits no other cause (the kernel said EPERM; the wire saw the request and the socket did not).</summary>
    Certain,

    /// <summary>The most likely cause of what the evidence shows; another is possible.</summary>
    Likely,
}
