namespace TypedSession.Stores;

/// <summary>How long a store keeps a session.</summary>
/// <param name="IdleTimeout">
/// The session expires this long after its last commit or refresh: its own idle window (longer for a remembered
/// session, see <see cref="SessionCommit.IsPersistent"/>).
/// </param>
/// <param name="AbsoluteExpiration">The session expires at this instant whatever its activity; <see langword="null"/> for none.</param>
/// <param name="Now">The engine's clock at the time of the write, so that stores and tests share one time source.</param>
public readonly record struct SessionExpiry(TimeSpan IdleTimeout, DateTimeOffset? AbsoluteExpiration, DateTimeOffset Now)
{
    /// <summary>
    /// Set only on a refresh of a session whose persistence the engine does not know (a request that carried the cookie
    /// but never loaded the session, on an instance that has not seen it): the idle window to apply instead of
    /// <see cref="IdleTimeout"/> when the stored entry is persistent (<see cref="SessionEntry.IsPersistent"/>), so that
    /// such a refresh never cuts a remembered session short. <see langword="null"/> for every other call.
    /// </summary>
    public TimeSpan? PersistentIdleTimeout { get; init; }

    /// <summary>
    /// On a refresh: the user the session is logged in as, when the engine knows it, so that an
    /// <see cref="ISessionIndexStore"/> moves the index entry in the same round trip; <see langword="null"/> when the
    /// session is anonymous or the engine does not know (the store then finds out from the entry itself).
    /// </summary>
    public SessionOwner? Owner { get; init; }

    /// <summary>
    /// <see cref="TimeToLive"/> for a stored entry that is, or is not, persistent: differs from it only when
    /// <see cref="PersistentIdleTimeout"/> is set and <paramref name="entryIsPersistent"/>.
    /// </summary>
    public TimeSpan TimeToLiveFor(bool entryIsPersistent) =>
        entryIsPersistent && PersistentIdleTimeout is { } persistent ? (this with { IdleTimeout = persistent, PersistentIdleTimeout = null }).TimeToLive : TimeToLive;

    /// <summary>How long the store should keep the entry from <see cref="Now"/>: the idle timeout, cut short by the absolute expiry.</summary>
    public TimeSpan TimeToLive =>
        AbsoluteExpiration is { } absolute && absolute - Now < IdleTimeout
            ? (absolute - Now > TimeSpan.Zero ? absolute - Now : TimeSpan.Zero)
            : IdleTimeout;
}
