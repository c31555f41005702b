namespace TypedSession;

/// <summary>The four calls the engine makes to its <see cref="Stores.ITypedSessionStore"/>, as <see cref="GuardedSessionStore"/> reports them.</summary>
internal enum StoreOperation
{
    Load,
    Commit,
    Refresh,
    Delete,
}
