namespace TypedSession;

/// <summary>
/// What TypedSession's engine adds to <see cref="Microsoft.AspNetCore.Http.ISession"/>: implemented by the session
/// objects the engine creates, and reached through the lifecycle members of every <see cref="TypedSessionBase"/>.
/// </summary>
public interface ISessionLifecycle
{
    /// <summary>
    /// <see langword="true"/> when this request started the session: no cookie came in, or it named no live session
    /// (missing, expired or unreadable in the store).
    /// </summary>
    bool IsNew { get; }

    /// <summary>When the session was first created; the absolute lifetime counts from here.</summary>
    DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// When the session's expiry was last extended, by a write, a refresh or <see cref="TouchAsync"/>, as far as the engine
    /// knows: requests that only read extend it once per refresh window (<see cref="TypedSessionOptions.RefreshThreshold"/>),
    /// so it may lag the latest request by up to that window. For a session started in this request, its creation time.
    /// </summary>
    DateTimeOffset LastAccessedAt { get; }

    /// <summary>
    /// When the session ends if nothing else happens: the earlier of its idle expiry (<see cref="LastAccessedAt"/> plus
    /// <c>SessionOptions.IdleTimeout</c>) and the end of its absolute lifetime (<see cref="CreatedAt"/> plus
    /// <see cref="TypedSessionOptions.AbsoluteLifetime"/>). express-session's <c>req.session.cookie.expires</c> maps here.
    /// </summary>
    DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// <see langword="true"/> when the user chose to be remembered on this device (<see cref="RememberMe"/>): the
    /// session's cookie has an expiry and its idle window is <see cref="TypedSessionOptions.PersistentIdleTimeout"/>.
    /// </summary>
    bool IsPersistent { get; }

    /// <summary>
    /// Remember this session on this device, or stop remembering it (scs's <c>RememberMe</c>, Laravel's "remember me"):
    /// a remembered session gets a persistent cookie that expires <see cref="TypedSessionOptions.PersistentIdleTimeout"/>
    /// after the last activity (rolling, like a cookie with <c>Cookie.MaxAge</c>) and that longer idle window in the
    /// store, both within <see cref="TypedSessionOptions.AbsoluteLifetime"/>; every other session keeps the cookie
    /// <c>SessionOptions.Cookie</c> configures (by default one that ends with the browser session) and
    /// <c>SessionOptions.IdleTimeout</c>. The choice is stored with the session, so it holds on every instance and
    /// survives <see cref="RegenerateIdAsync"/>; call it at login, before or after regenerating. Like setting a value,
    /// it must be called before the response starts.
    /// </summary>
    /// <exception cref="SessionUnavailableException">The store could not be reached when the session was loaded.</exception>
    void RememberMe(bool remember = true);

    /// <summary>The user this session is logged in as (<see cref="LogInAsync"/>), or <see langword="null"/> for an anonymous session.</summary>
    string? LoggedInUserId { get; }

    /// <summary>
    /// Logs the session in as <paramref name="userId"/>: regenerates its id (against fixation, keeping its values),
    /// records the user with the session and in the store's per-user index (<see cref="ISessionDirectory"/>), sets
    /// remember-me to <paramref name="persistent"/>, and enforces <see cref="TypedSessionOptions.MaxSessionsPerUser"/>.
    /// Raises <see cref="SessionEventKind.LoggedIn"/> (and <see cref="SessionEventKind.Revoked"/> for evicted sessions).
    /// Logging in as another user replaces the previous login; a session that is already logged in as this user is
    /// regenerated again.
    /// </summary>
    /// <param name="userId">The application's id of the user; not empty.</param>
    /// <param name="persistent">Remember this device (<see cref="RememberMe"/>).</param>
    /// <param name="device">What to show for this session in <see cref="ISessionDirectory"/> (e.g. from the User-Agent), or <see langword="null"/>: personal data, never filled by TypedSession itself.</param>
    /// <param name="cancellationToken">Cancels the store calls.</param>
    /// <exception cref="SessionLimitExceededException">The user has too many sessions and the policy refuses new logins.</exception>
    /// <exception cref="NotSupportedException">The store keeps no per-user index (the <c>IDistributedCache</c> adapter).</exception>
    /// <exception cref="SessionUnavailableException">The store failed.</exception>
    Task LogInAsync(string userId, bool persistent = false, string? device = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs out: destroys the session (<see cref="DestroyAsync"/>), which also removes it from its user's index. Raises
    /// <see cref="SessionEventKind.Destroyed"/>.
    /// </summary>
    Task LogOutAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the session's expiry now without changing its values (express-session's <c>touch</c>): one store refresh,
    /// whether or not one is due, and a cookie with a <c>MaxAge</c> re-sent with a moved expiry. Does nothing for a
    /// session that has nothing stored yet.
    /// </summary>
    /// <exception cref="SessionUnavailableException">The store failed.</exception>
    Task TouchAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the session's values to a new id and key, deletes the old entry and sends the new cookie in this response.
    /// Call it at login or on any change of privilege, against session fixation.
    /// </summary>
    Task RegenerateIdAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the session from the store and expires its cookie.</summary>
    Task DestroyAsync(CancellationToken cancellationToken = default);

    /// <summary>Discards this request's unsaved changes and reads the session from the store again.</summary>
    /// <returns>
    /// <see langword="true"/> when the session now holds what its store holds (for a new session that nothing stored
    /// yet: no values). <see langword="false"/> when the session's stored entry is gone (destroyed by another request,
    /// regenerated away, expired): the session is then a new, empty one under a fresh key and <c>Id</c>, whose cookie is
    /// sent once something is stored; also <see langword="false"/> when the store could not be reached (the session is
    /// then unavailable: see <c>ISession.IsAvailable</c>).
    /// </returns>
    Task<bool> ReloadAsync(CancellationToken cancellationToken = default);
}
