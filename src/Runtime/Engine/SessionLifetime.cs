using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// Where one request's session stands in its life: not loaded yet, loaded (found, or started new), or unavailable
/// because the store failed; when the session was created and last written or refreshed; whether a dead entry still sits
/// under its key; and the expiry rules that follow from those times (idle timeout, absolute lifetime, refresh threshold).
/// </summary>
/// <remarks>
/// The expiry rules take the clock's time as an argument rather than reading a clock, so they are testable alone; the
/// load reads the engine's clock. Every load and start leaves a new <see cref="SessionChangeSet"/>. The idle window is
/// read through <see cref="IdleTimeout"/> everywhere: a remembered session (<see cref="IsPersistent"/>) has the longer
/// one, and that choice is part of the session's stored state like its creation time.
/// </remarks>
internal sealed partial class SessionLifetime(TimeSpan idleTimeout, TimeSpan persistentIdleTimeout, TimeSpan? absoluteLifetime, double refreshThreshold)
{
    internal LoadState State { get; private set; }

    internal bool IsLoaded => State == LoadState.Loaded;

    /// <summary>This request started the session (no cookie, or it pointed to nothing live).</summary>
    internal bool IsNew { get; private set; }

    internal DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the idle expiry was last extended, by a write or a refresh.</summary>
    internal DateTimeOffset RefreshedAt { get; private set; }

    /// <summary>The user chose to be remembered (<see cref="ISessionLifecycle.RememberMe"/>): see <see cref="IdleTimeout"/>.</summary>
    internal bool IsPersistent { get; private set; }

    /// <summary>The user the session is logged in as, with its id at login and device, or <see langword="null"/> when anonymous.</summary>
    internal SessionOwner? Owner { get; private set; }

    /// <summary>The session's persistence changed in this request and is not stored yet: the next commit writes it.</summary>
    internal bool PersistenceChanged { get; private set; }

    /// <summary>
    /// The session's idle window: <see cref="TypedSessionOptions.PersistentIdleTimeout"/> for a remembered session,
    /// <c>SessionOptions.IdleTimeout</c> for every other.
    /// </summary>
    internal TimeSpan IdleTimeout => WindowOf(IsPersistent);

    /// <summary>How long after an extension the next one is due (<see cref="TypedSessionOptions.RefreshThreshold"/> of the idle window).</summary>
    internal TimeSpan RefreshWindow => IdleTimeout * refreshThreshold;

    /// <summary>
    /// When the session ends if nothing else happens: the earlier of its idle expiry (<see cref="RefreshedAt"/> plus the
    /// idle window) and its absolute lifetime's end.
    /// </summary>
    internal DateTimeOffset ExpiresAt =>
        absoluteLifetime is { } lifetime && CreatedAt + lifetime < RefreshedAt + IdleTimeout ? CreatedAt + lifetime : RefreshedAt + IdleTimeout;

    /// <summary>
    /// An expired or unreadable entry still sits under the key: the first write replaces it whole, and a request that
    /// writes nothing deletes it.
    /// </summary>
    internal bool HasStaleEntry { get; private set; }

    /// <summary>Why <paramref name="entry"/> is dead at <paramref name="now"/> (for the log), or <see langword="null"/> while it lives.</summary>
    internal string? ExpiredBecause(SessionEntry entry, DateTimeOffset now) =>
        absoluteLifetime is { } lifetime && entry.CreatedAt + lifetime <= now ? "absolute lifetime" :
        entry.RefreshedAt + WindowOf(entry.IsPersistent) <= now ? "idle timeout" :
        null;

    /// <summary>
    /// Whether an unchanged session should extend its expiry now: only once <see cref="TypedSessionOptions.RefreshThreshold"/>
    /// of the idle timeout has passed since the last write or refresh, so that read-only requests rarely call the store.
    /// </summary>
    internal bool RefreshDue(DateTimeOffset now) => now - RefreshedAt >= RefreshWindow;

    /// <summary>
    /// The expiry a store is given at <paramref name="now"/>: the session's idle window, capped by the absolute lifetime.
    /// </summary>
    internal SessionExpiry ExpiryAt(DateTimeOffset now) => ExpiryOf(IsPersistent, CreatedAt, now) with { Owner = Owner };

    /// <summary>
    /// The expiry of a session that is, or is not, remembered and was created at <paramref name="createdAt"/>, or whose
    /// creation time is unknown (<see langword="null"/>: a session this request did not load, so only the idle window
    /// applies; its absolute lifetime is still enforced when it is loaded).
    /// </summary>
    private SessionExpiry ExpiryOf(bool persistent, DateTimeOffset? createdAt, DateTimeOffset now) =>
        new(WindowOf(persistent), absoluteLifetime is { } lifetime && createdAt is { } created ? created + lifetime : null, now);

    /// <summary>
    /// The <c>Max-Age</c> of a remembered session's cookie sent at <paramref name="now"/>: the persistent idle window,
    /// cut short by the absolute lifetime, so the cookie never outlives the session it names; <see langword="null"/>
    /// for a session that is not remembered, whose cookie is as <c>SessionOptions.Cookie</c> configures it.
    /// </summary>
    internal TimeSpan? PersistentCookieMaxAge(DateTimeOffset now) => PersistentCookieMaxAge(now, IsPersistent, CreatedAt);

    /// <summary>
    /// <see cref="PersistentCookieMaxAge(DateTimeOffset)"/> for a session this request did not load, from what the
    /// engine's memo knows: without its creation time the absolute lifetime cannot cut the cookie short (it is still
    /// enforced when the session is loaded).
    /// </summary>
    internal TimeSpan? PersistentCookieMaxAge(DateTimeOffset now, bool persistent, DateTimeOffset? createdAt)
    {
        if (!persistent)
        {
            return null;
        }
        var maxAge = persistentIdleTimeout;
        if (absoluteLifetime is { } lifetime && createdAt is { } created && created + lifetime - now < maxAge)
        {
            maxAge = created + lifetime - now;
        }
        return maxAge > TimeSpan.Zero ? maxAge : TimeSpan.Zero;
    }

    /// <summary>
    /// Makes the session remembered, or not (<see cref="ISessionLifecycle.RememberMe"/>); returns whether that changed
    /// anything, which the next commit then stores.
    /// </summary>
    internal bool Remember(bool remember)
    {
        if (IsPersistent == remember)
        {
            return false;
        }
        IsPersistent = remember;
        PersistenceChanged = true;
        return true;
    }

    /// <summary>The persistence this request chose is stored.</summary>
    internal void PersistenceStored() => PersistenceChanged = false;

    /// <summary>Puts back the persistence a failed login changed.</summary>
    internal void RestorePersistence(bool persistent, bool changed)
    {
        IsPersistent = persistent;
        PersistenceChanged = changed;
    }

    /// <summary>The session now belongs to <paramref name="owner"/> (a login, or a regenerate of a logged-in session).</summary>
    internal void OwnedBy(SessionOwner? owner) => Owner = owner;

    /// <summary>A fresh session starts at <paramref name="now"/>; <paramref name="staleEntry"/>: see <see cref="HasStaleEntry"/>.</summary>
    internal SessionChangeSet StartNew(DateTimeOffset now, bool staleEntry)
    {
        State = LoadState.Loaded;
        IsNew = true;
        CreatedAt = RefreshedAt = now;
        HasStaleEntry = staleEntry;
        IsPersistent = PersistenceChanged = false;
        Owner = null;
        return new SessionChangeSet();
    }

    /// <summary>The idle window of a session that is, or is not, remembered.</summary>
    internal TimeSpan WindowOf(bool persistent) => persistent ? persistentIdleTimeout : idleTimeout;

    /// <summary>Back to not loaded, for a reload; whether the session is new is decided again by the load.</summary>
    internal void Unload()
    {
        State = LoadState.NotLoaded;
        HasStaleEntry = false;
    }

    /// <summary>A write or refresh succeeded at <paramref name="now"/>: the entry under the key is live again.</summary>
    internal void Extended(DateTimeOffset now)
    {
        RefreshedAt = now;
        HasStaleEntry = false;
    }

    /// <summary>The stale entry was deleted.</summary>
    internal void StaleEntryDeleted() => HasStaleEntry = false;

    /// <summary>Reload keeps a session this request started new even when this request already wrote it.</summary>
    internal void KeepNew(bool wasNew) => IsNew |= wasNew;
}
