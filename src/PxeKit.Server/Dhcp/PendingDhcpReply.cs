using System.Net.Sockets;
using PxeKit.Core.Events;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// A reply a handler decided on, as its event will say it. The listener records it once the reply has left, or, when
/// it could not leave, records why (<see cref="BootStep.DhcpReplyDropped"/>): its one event is made then, with that time.
/// </summary>
/// <param name="Detail">The sentence; null leaves it to <see cref="EventText"/>.</param>
/// <param name="Server">The server the reply names (option 54).</param>
/// <param name="File">The boot file the reply names.</param>
/// <param name="Profile">The profile the boot policy chose, if it chose one.</param>
public readonly record struct PendingDhcpReply(BootStep Step, string Mac, DhcpFacts Dhcp, string? Detail, string? Address, string? Server, string? File, string? Profile)
{
    /// <summary>The event of the reply, which left at <paramref name="time"/>.</summary>
    public BootEvent Sent(DateTimeOffset time) => Event(time, Step, Dhcp, Detail);

    /// <summary>The event of the reply not leaving, at <paramref name="time"/>, and why.</summary>
    public BootEvent Dropped(DateTimeOffset time, DhcpReplyFailure failure, string detail, SocketError? error = null) =>
        Event(time, BootStep.DhcpReplyDropped, Dhcp with { ReplyFailure = failure }, detail) with { SocketError = error };

    private BootEvent Event(DateTimeOffset time, BootStep step, DhcpFacts facts, string? detail) => new()
    {
        Time = time,
        Step = step,
        Mac = Mac,
        Address = Address,
        Dhcp = facts,
        Detail = detail,
        File = File,
        Server = Server,
        Profile = Profile,
    };
}
