namespace PxeKit.Cli.Commands;

/// <summary>What <c>pxekit</c> exits with.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The thing asked for ran and failed: the VM did not boot, a server stopped on an error.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or configuration: nothing was started.</summary>
    public const int BadConfiguration = 2;
}
