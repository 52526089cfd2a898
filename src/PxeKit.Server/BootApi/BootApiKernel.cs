namespace PxeKit.Server.BootApi;

/// <summary>What the boot API says a machine boots, checked: absolute http(s) URLs, no control character anywhere.</summary>
/// <param name="Kernel">The kernel's URL, resolved against the API's URL when the reply gave a path.</param>
/// <param name="Initrds">The initrds' URLs, in order, resolved the same way.</param>
/// <param name="CommandLine">The kernel's command line, assembled from the reply's string or object; may be empty.</param>
/// <param name="Message">A line to show on the machine's console before it boots; null when none.</param>
public sealed record BootApiKernel(Uri Kernel, IReadOnlyList<Uri> Initrds, string CommandLine, string? Message);
