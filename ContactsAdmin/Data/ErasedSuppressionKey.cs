namespace ContactsAdmin.Data;

/// <summary>
/// The secret key of the erased contacts' suppression hashes (<see cref="ErasedSuppression.Hash"/>), kept in the
/// database so every app instance on it hashes alike, and protected by ASP.NET Core data protection, never stored in
/// the clear. One row (<see cref="OnlyId"/>): a second instance that creates the key at the same moment collides on
/// the primary key and reads the first one's instead.
/// </summary>
public class ErasedSuppressionKey
{
    public const int OnlyId = 1;

    public int Id { get; set; } = OnlyId;
    /// <summary>The key as data protection's protected payload, in Base64.</summary>
    public string ProtectedKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
