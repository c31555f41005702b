using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// <see cref="ISessionDirectory"/> over the engine's store: its per-user index (<see cref="ISessionIndexStore"/>), every
/// call through the engine's guarded path for timeouts, counting and logging, and a Revoked event per ended session.
/// </summary>
internal sealed class SessionDirectory(SessionEngine engine) : ISessionDirectory
{
    internal const string NotSupportedMessage =
        "Listing, revoking and capping a user's sessions need a store that keeps a per-user index: the in-memory store (the default of " +
        "AddTypedSession), AddTypedSessionSqliteStore or AddTypedSessionRedisStore. The IDistributedCache adapter (AddTypedSessionEngine over " +
        "an IDistributedCache of the application) cannot enumerate sessions.";

    public async Task<IReadOnlyList<SessionInfo>> GetSessionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var sessions = await engine.GuardedStore.IndexAsync(
            StoreOperation.Load, (userId, Now: engine.Time.GetUtcNow()),
            static (index, request, token) => index.GetSessionsAsync(request.userId, request.Now, token),
            engine.SessionOptions.IOTimeout, cancellationToken).ConfigureAwait(false);
        return [.. sessions.Select(ToInfo)];
    }

    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return await RevokeCoreAsync(userId, sessionId, exceptSessionId: null, cancellationToken).ConfigureAwait(false) > 0;
    }

    public Task<int> RevokeAllAsync(string userId, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return RevokeCoreAsync(userId, sessionId: null, exceptSessionId, cancellationToken);
    }

    private async Task<int> RevokeCoreAsync(string userId, string? sessionId, string? exceptSessionId, CancellationToken cancellationToken)
    {
        var revoked = await engine.GuardedStore.IndexAsync(
            StoreOperation.Delete, (userId, sessionId, exceptSessionId),
            static (index, request, token) => index.RevokeAsync(request.userId, request.sessionId, request.exceptSessionId, token),
            engine.SessionOptions.IOTimeout, cancellationToken).ConfigureAwait(false);
        var now = engine.Time.GetUtcNow();
        foreach (var session in revoked)
        {
            engine.Events.Raise(new SessionEvent(SessionEventKind.Revoked, session.Owner.SessionId, session.Owner.UserId, now));
        }
        return revoked.Count;
    }

    private static SessionInfo ToInfo(IndexedSession session) => new(
        session.Owner.SessionId,
        session.Owner.UserId,
        session.CreatedAt,
        session.LastAccessedAt,
        session.ExpiresAt,
        session.IsPersistent,
        session.Owner.Device);
}
