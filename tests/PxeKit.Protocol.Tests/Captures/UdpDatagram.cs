namespace PxeKit.Protocol.Tests.Captures;

internal sealed record UdpDatagram(string Source, string Destination, int SourcePort, int DestinationPort, byte[] Payload);
