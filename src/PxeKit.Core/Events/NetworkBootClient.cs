namespace PxeKit.Core.Events;

/// <summary>Which of the firmware's network boot clients started: its PXE client or its UEFI HTTP Boot client.</summary>
public enum NetworkBootClient
{
    Pxe,
    HttpBoot,
}
