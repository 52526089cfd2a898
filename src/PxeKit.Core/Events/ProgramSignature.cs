namespace PxeKit.Core.Events;

/// <summary>
/// Whether a boot program carries an Authenticode signature, told by the PE certificate table (see
/// <c>ProgramSignatures</c>). Only whether one is there: the firmware decides whether it trusts the signer.
/// </summary>
public enum ProgramSignature
{
    /// <summary>Not a PE program (a BIOS boot program, a kernel without a PE stub, data): signatures do not apply.</summary>
    NotPe,

    /// <summary>A PE program whose certificate table is empty: a firmware that enforces Secure Boot refuses to run it.</summary>
    Unsigned,

    /// <summary>A PE program whose certificate table holds a PKCS#7 signed-data certificate (WIN_CERT_TYPE_PKCS_SIGNED_DATA).</summary>
    Signed,

    /// <summary>A PE program whose certificate table points outside the file or holds no PKCS#7 certificate: as unsigned to a firmware.</summary>
    BadCertificateTable,
}
