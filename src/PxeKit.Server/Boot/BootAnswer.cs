using System.Net;

namespace PxeKit.Server.Boot;

/// <summary>What a client should boot: the file (a TFTP path or a URL) and the server that has it.</summary>
public sealed record BootAnswer(string BootFile, IPAddress? NextServer = null);
