namespace PxeKit.Cli.Config;

/// <summary>The <c>tftp:</c> section of the configuration file.</summary>
public sealed class TftpSection
{
    /// <summary>Accept write requests (WRQ) into the root. Off unless set.</summary>
    public bool? AllowWrite { get; set; }
}
