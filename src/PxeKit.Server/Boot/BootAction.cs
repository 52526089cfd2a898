namespace PxeKit.Server.Boot;

/// <summary>What the boot file handed to a client is.</summary>
public enum BootAction
{
    /// <summary>The profile's own boot program.</summary>
    Program,
    /// <summary>An iPXE build, which will ask again as iPXE.</summary>
    ChainloadIpxe,
    /// <summary>An iPXE script (the request came from iPXE).</summary>
    IpxeScript,
}
