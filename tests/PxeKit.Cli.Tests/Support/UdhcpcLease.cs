namespace PxeKit.Cli.Tests.Support;

/// <summary>What busybox udhcpc was given: its address, the server identifier of the offer it took, siaddr.</summary>
internal sealed record UdhcpcLease(string Ip, string ServerId, string Siaddr);
