namespace PxeKit.Host.Management;

/// <summary>
/// What PxeKit would answer a described client: the profile it matches (null: none), whether it would get a boot
/// answer, and the story <c>pxekit explain</c> prints (each profile and why it matched or not, the reply decoded).
/// </summary>
public sealed record ExplainReply(string? Profile, bool Answered, string Text);
