using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// Where one request's session stands in its life: not loaded yet, loaded (found, or started new), or unavailable
/// because the store failed; when the session was created and last written or refreshed; whether a dead entry still sits
/// under its key; and the expiry rules that follow from those times (idle timeout, absolute lifetime, refresh threshold).
/// </summary>
/// <remarks>
/// Takes the clock's time as an argument rather than reading a clock, so the expiry rules are testable alone. Issue 11's
/// <c>ExpiresAt</c>, <c>LastAccessedAt</c> and a per-session idle window (remember-me) belong here.
/// </remarks>
internal sealed class SessionLifetime(TimeSpan idleTimeout, TimeSpan? absoluteLifetime, double refreshThreshold)
{
    internal LoadState State { get; private set; }

    internal bool IsLoaded => State == LoadState.Loaded;

    /// <summary>This request started the session (no cookie, or it pointed to nothing live).</summary>
    internal bool IsNew { get; private set; }

    internal DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the idle expiry was last extended, by a write or a refresh.</summary>
    internal DateTimeOffset RefreshedAt { get; private set; }

    /// <summary>
    /// An expired or unreadable entry still sits under the key: the first write replaces it whole, and a request that
    /// writes nothing deletes it.
    /// </summary>
    internal bool HasStaleEntry { get; private set; }

    /// <summary>Why <paramref name="entry"/> is dead at <paramref name="now"/> (for the log), or <see langword="null"/> while it lives.</summary>
    internal string? ExpiredBecause(SessionEntry entry, DateTimeOffset now) =>
        absoluteLifetime is { } lifetime && entry.CreatedAt + lifetime <= now ? "absolute lifetime" :
        entry.RefreshedAt + idleTimeout <= now ? "idle timeout" :
        null;

    /// <summary>
    /// Whether an unchanged session should extend its expiry now: only once <see cref="TypedSessionOptions.RefreshThreshold"/>
    /// of the idle timeout has passed since the last write or refresh, so that read-only requests rarely call the store.
    /// </summary>
    internal bool RefreshDue(DateTimeOffset now) => now - RefreshedAt >= idleTimeout * refreshThreshold;

    /// <summary>The expiry a store is given at <paramref name="now"/>: the idle timeout, capped by the absolute lifetime.</summary>
    internal SessionExpiry ExpiryAt(DateTimeOffset now) =>
        new(idleTimeout, absoluteLifetime is { } lifetime ? CreatedAt + lifetime : null, now);

    internal void Found(SessionEntry entry)
    {
        State = LoadState.Loaded;
        IsNew = false;
        CreatedAt = entry.CreatedAt;
        RefreshedAt = entry.RefreshedAt;
        HasStaleEntry = false;
    }

    /// <summary>A fresh session starts at <paramref name="now"/>; <paramref name="staleEntry"/>: see <see cref="HasStaleEntry"/>.</summary>
    internal void StartedNew(DateTimeOffset now, bool staleEntry)
    {
        State = LoadState.Loaded;
        IsNew = true;
        CreatedAt = RefreshedAt = now;
        HasStaleEntry = staleEntry;
    }

    internal void Unavailable() => State = LoadState.Unavailable;

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
