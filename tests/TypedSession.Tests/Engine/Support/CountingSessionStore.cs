using TypedSession.Stores;

namespace TypedSession.Tests.Engine.Support;

/// <summary>
/// Wraps any <see cref="ITypedSessionStore"/> and counts the calls that reach it, keeping the commits and refreshes it passed on, so
/// that tests can prove how many store calls a request made. Reusable by every store's tests.
/// </summary>
public sealed class CountingSessionStore(ITypedSessionStore inner) : ITypedSessionStore
{
    private int _loads;
    private int _commits;
    private int _refreshes;
    private int _deletes;
    private readonly List<(string StoreKey, SessionCommit Commit)> _commitLog = [];
    private readonly List<(string StoreKey, SessionExpiry Expiry)> _refreshLog = [];

    public ITypedSessionStore Inner { get; } = inner;

    public int Loads => Volatile.Read(ref _loads);

    public int Commits => Volatile.Read(ref _commits);

    public int Refreshes => Volatile.Read(ref _refreshes);

    public int Deletes => Volatile.Read(ref _deletes);

    public int Total => Loads + Commits + Refreshes + Deletes;

    public IReadOnlyList<(string StoreKey, SessionCommit Commit)> CommitLog
    {
        get
        {
            lock (_commitLog)
            {
                return [.. _commitLog];
            }
        }
    }

    public IReadOnlyList<(string StoreKey, SessionExpiry Expiry)> RefreshLog
    {
        get
        {
            lock (_refreshLog)
            {
                return [.. _refreshLog];
            }
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _loads, 0);
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _refreshes, 0);
        Interlocked.Exchange(ref _deletes, 0);
        lock (_commitLog)
        {
            _commitLog.Clear();
        }
        lock (_refreshLog)
        {
            _refreshLog.Clear();
        }
    }

    public Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        return Inner.LoadAsync(storeKey, cancellationToken);
    }

    public Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commits);
        lock (_commitLog)
        {
            // The commit's values are the session's live dictionary (valid during the call only): keep a snapshot.
            _commitLog.Add((storeKey, commit with { Values = new Dictionary<string, byte[]>(commit.Values, StringComparer.Ordinal) }));
        }
        return Inner.CommitAsync(storeKey, commit, cancellationToken);
    }

    public Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refreshes);
        lock (_refreshLog)
        {
            _refreshLog.Add((storeKey, expiry));
        }
        return Inner.RefreshAsync(storeKey, expiry, cancellationToken);
    }

    public Task DeleteAsync(string storeKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deletes);
        return Inner.DeleteAsync(storeKey, cancellationToken);
    }
}
