namespace PxeKit.Server.Files;

/// <summary>What <see cref="PathJail"/> decided about a requested name, whatever the protocol.</summary>
public enum PathVerdict
{
    /// <summary>The name is inside the root and usable; <see cref="PathJailResult.FullPath"/> says where.</summary>
    Allowed,

    /// <summary>A well-formed name inside the root that names nothing (TFTP ERROR 1, HTTP 404).</summary>
    NotFound,

    /// <summary>A trick or a forbidden name (TFTP ERROR 2, HTTP 403 or 404 as the server prefers).</summary>
    Violation,
}
