namespace PxeKit.Server.Http;

/// <summary>A script rendered for one request, e.g. an iPXE script chosen by the boot policy.</summary>
/// <param name="Content">The script text; sent UTF-8 encoded.</param>
/// <param name="ContentType">The Content-Type header, normally <c>text/plain</c>.</param>
public sealed record BootScript(string Content, string ContentType);
