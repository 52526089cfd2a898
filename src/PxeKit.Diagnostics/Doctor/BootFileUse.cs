namespace PxeKit.Diagnostics.Doctor;

/// <summary>A file the configuration sends to clients: where it is, why, how, and to which firmware.</summary>
/// <param name="Path">As configured, relative to the root.</param>
/// <param name="Purpose">For people: <c>boot program of profile "uefi"</c>, <c>iPXE for BIOS</c>.</param>
/// <param name="OverTftp">Sent over TFTP (so its size meets the block-number limit), not HTTP.</param>
/// <param name="Firmware">What the file must be built for; null when any.</param>
public sealed record BootFileUse(string Path, string Purpose, bool OverTftp, BootFileTarget? Firmware);
