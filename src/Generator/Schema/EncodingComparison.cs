namespace TypedSession.Generator.Schema;

/// <summary>The verdict on one key whose encoding may have changed.</summary>
/// <param name="Change">Unchanged, compatible or breaking.</param>
/// <param name="Reason">For a breaking change: what live sessions read after the deploy (a clause for SESS040's message); else null.</param>
internal sealed record EncodingComparison(EncodingChange Change, string? Reason)
{
    /// <summary>Nothing changed.</summary>
    public static readonly EncodingComparison Unchanged = new(EncodingChange.Unchanged, null);

    /// <summary>A change the new code reads.</summary>
    public static readonly EncodingComparison Compatible = new(EncodingChange.Compatible, null);

    /// <summary>A change live sessions do not survive, with what they read after it.</summary>
    public static EncodingComparison Breaking(string reason) => new(EncodingChange.Breaking, reason);
}
