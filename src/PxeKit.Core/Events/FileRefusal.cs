namespace PxeKit.Core.Events;

/// <summary>Why the TFTP or HTTP server refused a file, whatever its protocol's error says (TFTP ERROR 1 or 2, HTTP 404 or 403).</summary>
public enum FileRefusal
{
    /// <summary>Nothing by that name under the root.</summary>
    NotFound,

    /// <summary>
    /// The file is in the root, but the user the server runs as may not read it (its permissions, or a directory on
    /// the way): a 0600 file of root's once serve has left root, say.
    /// </summary>
    Unreadable,

    /// <summary>The name is refused whatever the file's permissions: '..', a symlink out of the root, a directory, a control character.</summary>
    Forbidden,
}
