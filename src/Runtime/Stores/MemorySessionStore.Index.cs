namespace TypedSession.Stores;

// The per-user index (ISessionIndexStore) of the in-memory store: the user's lock, then each entry's.
internal sealed partial class MemorySessionStore
{
    /// <inheritdoc />
    public Task<SessionLoginResult> LogInAsync(string storeKey, SessionCommit commit, SessionLimit? limit, string? replacing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var owner = commit.Owner ?? throw new ArgumentException("A login's commit carries the session's owner.", nameof(commit));
        var entry = NewEntry(storeKey, commit);
        var now = commit.Expiry.Now;
        while (true)
        {
            var user = _users.GetOrAdd(owner.UserId, static id => new MemoryUserSessions(id));
            lock (user.Gate)
            {
                if (user.IsRetired)
                {
                    continue;
                }
                var result = MemorySessionIndex.Admit(user, entry, limit, replacing, now, End);
                if (!result.Refused)
                {
                    Publish(entry);
                    SweepIfDue(now);
                }
                return Task.FromResult(result);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexedSession>> GetSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_users.TryGetValue(userId, out var user))
        {
            return Task.FromResult<IReadOnlyList<IndexedSession>>([]);
        }
        lock (user.Gate)
        {
            return Task.FromResult(MemorySessionIndex.List(user, now));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexedSession>> RevokeAsync(string userId, string? sessionId, string? exceptSessionId, CancellationToken cancellationToken)
    {
        if (!_users.TryGetValue(userId, out var user))
        {
            return Task.FromResult<IReadOnlyList<IndexedSession>>([]);
        }
        var now = _timeProvider.GetUtcNow();
        lock (user.Gate)
        {
            var revoked = MemorySessionIndex.Revoke(user, sessionId, exceptSessionId, now, End);
            RetireIfEmpty(user);
            return Task.FromResult(revoked);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexedSession>> TakeExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var taken = new List<IndexedSession>();
        Action<MemorySessionEntry> expire = entry => EndExpired(entry, now);
        foreach (var (_, user) in _users)
        {
            if (taken.Count >= max)
            {
                break;
            }
            lock (user.Gate)
            {
                MemorySessionIndex.TakeExpired(user, now, max, taken, expire);
                RetireIfEmpty(user);
            }
        }
        return Task.FromResult<IReadOnlyList<IndexedSession>>(taken);
    }

    // Under the user's lock.
    private void Unindex(MemoryUserSessions user, MemorySessionEntry entry)
    {
        user.Sessions.Remove(entry);
        RetireIfEmpty(user);
    }

    // Under the user's lock: a user without index entries leaves the map; a login that still holds it looks again.
    private void RetireIfEmpty(MemoryUserSessions user)
    {
        if (user.Sessions.Count == 0 && !user.IsRetired)
        {
            user.IsRetired = true;
            _users.TryRemove(KeyValuePair.Create(user.UserId, user));
        }
    }
}
