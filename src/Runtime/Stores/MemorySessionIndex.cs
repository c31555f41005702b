namespace TypedSession.Stores;

/// <summary>
/// The per-user index operations of <see cref="MemorySessionStore"/>, each called under the user's lock
/// (<see cref="MemoryUserSessions.Gate"/>) and taking each entry's lock in turn inside it.
/// </summary>
internal static class MemorySessionIndex
{
    /// <summary>
    /// Indexes a login's new <paramref name="entry"/> under the cap: refuses it, or ends the least recently used live
    /// sessions (through <paramref name="end"/>) to make room. The session <paramref name="replacing"/> names leaves the
    /// index without counting.
    /// </summary>
    public static SessionLoginResult Admit(
        MemoryUserSessions user, MemorySessionEntry entry, SessionLimit? limit, string? replacing, DateTimeOffset now, Action<MemorySessionEntry> end)
    {
        var sessions = user.Sessions;
        var replaced = replacing is null ? null : sessions.Find(s => string.Equals(s.StoreKey, replacing, StringComparison.Ordinal));
        List<IndexedSession> evicted = [];
        if (limit is { } cap)
        {
            var live = new List<(MemorySessionEntry Entry, IndexedSession Indexed, long Sequence)>();
            foreach (var session in sessions)
            {
                if (session == replaced)
                {
                    continue;
                }
                lock (session.Gate)
                {
                    if (session.IsLiveAt(now))
                    {
                        live.Add((session, session.ToIndexed(), session.Sequence));
                    }
                }
            }
            if (live.Count >= cap.MaxSessions)
            {
                if (cap.Policy == SessionLimitPolicy.RefuseNewLogin)
                {
                    return SessionLoginResult.RefusedAtLimit;
                }
                live.Sort(static (a, b) => a.Indexed.LastAccessedAt != b.Indexed.LastAccessedAt
                    ? a.Indexed.LastAccessedAt.CompareTo(b.Indexed.LastAccessedAt)
                    : a.Sequence.CompareTo(b.Sequence));
                foreach (var (session, indexed, _) in live.Take(live.Count - cap.MaxSessions + 1))
                {
                    lock (session.Gate)
                    {
                        // A delete (which takes no user lock) or an expiry may have ended it meanwhile: no longer live
                        // either way, but not this login's eviction, and an expired one stays for its expiry report.
                        if (session.State == MemorySessionState.Expired)
                        {
                            continue;
                        }
                        if (session.State == MemorySessionState.Live)
                        {
                            end(session);
                            evicted.Add(indexed);
                        }
                    }
                    sessions.Remove(session);
                }
            }
        }
        if (replaced is not null)
        {
            sessions.Remove(replaced);
        }
        sessions.Add(entry);
        return evicted.Count == 0 ? SessionLoginResult.Stored : new SessionLoginResult(false, evicted);
    }

    /// <summary>The user's live sessions at <paramref name="now"/>, most recently used first.</summary>
    public static IReadOnlyList<IndexedSession> List(MemoryUserSessions user, DateTimeOffset now)
    {
        var live = new List<(IndexedSession Indexed, long Sequence)>(user.Sessions.Count);
        foreach (var session in user.Sessions)
        {
            lock (session.Gate)
            {
                if (session.IsLiveAt(now))
                {
                    live.Add((session.ToIndexed(), session.Sequence));
                }
            }
        }
        live.Sort(static (a, b) => a.Indexed.LastAccessedAt != b.Indexed.LastAccessedAt
            ? b.Indexed.LastAccessedAt.CompareTo(a.Indexed.LastAccessedAt)
            : b.Sequence.CompareTo(a.Sequence));
        return live.ConvertAll(static s => s.Indexed);
    }

    /// <summary>
    /// Ends (through <paramref name="end"/>) and unindexes the user's live session with <paramref name="sessionId"/>, or
    /// every live one but <paramref name="exceptSessionId"/> when <paramref name="sessionId"/> is <see langword="null"/>.
    /// Expired ones stay, for their expiry to be reported.
    /// </summary>
    public static IReadOnlyList<IndexedSession> Revoke(
        MemoryUserSessions user, string? sessionId, string? exceptSessionId, DateTimeOffset now, Action<MemorySessionEntry> end)
    {
        var revoked = new List<IndexedSession>();
        var sessions = user.Sessions;
        for (var i = sessions.Count - 1; i >= 0; i--)
        {
            var session = sessions[i];
            var id = session.Owner!.SessionId;
            var matches = sessionId is null
                ? !string.Equals(id, exceptSessionId, StringComparison.Ordinal)
                : string.Equals(id, sessionId, StringComparison.Ordinal);
            if (!matches)
            {
                continue;
            }
            lock (session.Gate)
            {
                if (!session.IsLiveAt(now))
                {
                    continue;
                }
                revoked.Add(session.ToIndexed());
                end(session);
            }
            sessions.RemoveAt(i);
        }
        return revoked;
    }

    /// <summary>
    /// Moves the user's sessions that expired at or before <paramref name="now"/> from the index to
    /// <paramref name="taken"/>, while it holds fewer than <paramref name="max"/>; drops deleted ones found on the way.
    /// </summary>
    public static void TakeExpired(MemoryUserSessions user, DateTimeOffset now, int max, List<IndexedSession> taken, Action<MemorySessionEntry> expire)
    {
        var sessions = user.Sessions;
        for (var i = sessions.Count - 1; i >= 0; i--)
        {
            var session = sessions[i];
            lock (session.Gate)
            {
                if (session.State == MemorySessionState.Deleted)
                {
                    sessions.RemoveAt(i);
                    continue;
                }
                if (session.ExpiresAt > now || taken.Count >= max)
                {
                    continue;
                }
                expire(session);
                taken.Add(session.ToIndexed());
            }
            sessions.RemoveAt(i);
        }
    }
}
