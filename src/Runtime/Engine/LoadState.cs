namespace TypedSession;

/// <summary>Whether a request's session has been read from its store, as tracked by <see cref="SessionLifetime"/>.</summary>
internal enum LoadState
{
    /// <summary>Nothing read yet: the first access loads.</summary>
    NotLoaded,

    /// <summary>Found in the store, or started new; readable and writable.</summary>
    Loaded,

    /// <summary>The store failed: reads give defaults, writes throw <see cref="SessionUnavailableException"/>.</summary>
    Unavailable,
}
