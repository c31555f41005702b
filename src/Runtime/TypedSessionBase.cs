using Microsoft.AspNetCore.Http;

namespace TypedSession;

/// <summary>
/// The base of every generated <see cref="SessionAttribute"/> class: the typed properties are generated, the session's
/// lifecycle (id, times, remember-me, regenerate, destroy, touch, commit, reload) lives here. Members of this class are reserved names in a
/// session class.
/// </summary>
public abstract class TypedSessionBase
{
    /// <summary>Creates the typed view over <paramref name="session"/>.</summary>
    protected TypedSessionBase(ISession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        RawSession = session;
    }

    /// <summary>The request's <see cref="ISession"/>, for code that still uses string keys.</summary>
    public ISession RawSession { get; }

    /// <summary>The session's id (<see cref="ISession.Id"/>). It is not the cookie value.</summary>
    public string Id => RawSession.Id;

    /// <summary><see langword="true"/> once the session has been loaded from a working store.</summary>
    public bool IsAvailable => RawSession.IsAvailable;

    /// <summary><see langword="true"/> when this request started the session; <see langword="false"/> on stores without the engine.</summary>
    public bool IsNew => RawSession is ISessionLifecycle lifecycle && lifecycle.IsNew;

    /// <summary>When the session was created, or <see langword="null"/> on stores without the engine.</summary>
    public DateTimeOffset? CreatedAt => RawSession is ISessionLifecycle lifecycle ? lifecycle.CreatedAt : null;

    /// <summary>
    /// When the session's expiry was last extended (<see cref="ISessionLifecycle.LastAccessedAt"/>), or
    /// <see langword="null"/> on stores without the engine.
    /// </summary>
    public DateTimeOffset? LastAccessedAt => RawSession is ISessionLifecycle lifecycle ? lifecycle.LastAccessedAt : null;

    /// <summary>
    /// When the session ends if nothing else happens (<see cref="ISessionLifecycle.ExpiresAt"/>), or
    /// <see langword="null"/> on stores without the engine.
    /// </summary>
    public DateTimeOffset? ExpiresAt => RawSession is ISessionLifecycle lifecycle ? lifecycle.ExpiresAt : null;

    /// <summary>
    /// <see langword="true"/> when the user chose to be remembered on this device (<see cref="RememberMe"/>);
    /// <see langword="false"/> on stores without the engine.
    /// </summary>
    public bool IsPersistent => RawSession is ISessionLifecycle lifecycle && lifecycle.IsPersistent;

    /// <inheritdoc cref="ISessionLifecycle.RememberMe"/>
    public void RememberMe(bool remember = true) => Lifecycle(nameof(RememberMe)).RememberMe(remember);

    /// <summary>The user this session is logged in as (<see cref="LogInAsync"/>); <see langword="null"/> when anonymous or on stores without the engine.</summary>
    public string? LoggedInUserId => RawSession is ISessionLifecycle lifecycle ? lifecycle.LoggedInUserId : null;

    /// <inheritdoc cref="ISessionLifecycle.LogInAsync"/>
    public Task LogInAsync(string userId, bool persistent = false, string? device = null, CancellationToken cancellationToken = default) =>
        Lifecycle(nameof(LogInAsync)).LogInAsync(userId, persistent, device, cancellationToken);

    /// <inheritdoc cref="ISessionLifecycle.LogOutAsync"/>
    public async Task LogOutAsync(CancellationToken cancellationToken = default)
    {
        await Lifecycle(nameof(LogOutAsync)).LogOutAsync(cancellationToken).ConfigureAwait(false);
        ResetCachedValues();
    }

    /// <summary>Loads the session from the store without blocking, if it is not loaded yet.</summary>
    public Task LoadAsync(CancellationToken cancellationToken = default) => RawSession.LoadAsync(cancellationToken);

    /// <summary>
    /// Writes the changes of this request to the store now and throws if that fails: call it before streaming a
    /// response, when the end-of-request commit would come too late to report a failure. Not needed otherwise: the
    /// engine commits as the response starts (<see cref="TypedSessionOptions.FailRequestOnCommitFailure"/>), and a
    /// response without a body, such as a redirect, still fails when that commit fails.
    /// </summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => RawSession.CommitAsync(cancellationToken);

    /// <inheritdoc cref="ISessionLifecycle.RegenerateIdAsync"/>
    public Task RegenerateIdAsync(CancellationToken cancellationToken = default) =>
        Lifecycle(nameof(RegenerateIdAsync)).RegenerateIdAsync(cancellationToken);

    /// <inheritdoc cref="ISessionLifecycle.TouchAsync"/>
    public Task TouchAsync(CancellationToken cancellationToken = default) =>
        Lifecycle(nameof(TouchAsync)).TouchAsync(cancellationToken);

    /// <inheritdoc cref="ISessionLifecycle.DestroyAsync"/>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        await Lifecycle(nameof(DestroyAsync)).DestroyAsync(cancellationToken).ConfigureAwait(false);
        ResetCachedValues();
    }

    /// <inheritdoc cref="ISessionLifecycle.ReloadAsync"/>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        var reloaded = await Lifecycle(nameof(ReloadAsync)).ReloadAsync(cancellationToken).ConfigureAwait(false);
        ResetCachedValues();
        return reloaded;
    }

    /// <summary>Removes every value of the session (all keys, not only this class's), keeping its id and cookie.</summary>
    public void Clear()
    {
        RawSession.Clear();
        ResetCachedValues();
    }

    /// <summary>Forgets the values this instance has read, so the next get reads the session again.</summary>
    protected abstract void ResetCachedValues();

    private ISessionLifecycle Lifecycle(string operation) =>
        RawSession as ISessionLifecycle ?? throw new InvalidOperationException(
            $"{operation} needs TypedSession's session engine, but this session comes from '{RawSession.GetType().FullName}'. " +
            "Register it with builder.Services.AddTypedSession<TSession>() and keep app.UseSession() in the pipeline.");
}
