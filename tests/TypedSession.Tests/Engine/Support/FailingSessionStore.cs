using TypedSession.Stores;

namespace TypedSession.Tests.Engine.Support;

/// <summary>
/// Wraps any <see cref="ITypedSessionStore"/> and injects faults on demand: each operation can throw (as an unreachable
/// store does), hang until canceled (as a slow one does), or report a corrupt entry. Switches can change between
/// requests; everything passes through while they are off. Reusable by every store's tests.
/// </summary>
public sealed class FailingSessionStore(ITypedSessionStore inner) : ITypedSessionStore
{
    public ITypedSessionStore Inner { get; } = inner;

    public volatile bool FailLoads;
    public volatile bool FailCommits;
    public volatile bool FailRefreshes;
    public volatile bool FailDeletes;
    public volatile bool HangLoads;
    public volatile bool HangCommits;
    public volatile bool CorruptLoads;

    public void Heal()
    {
        FailLoads = FailCommits = FailRefreshes = FailDeletes = HangLoads = HangCommits = CorruptLoads = false;
    }

    public async Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken)
    {
        await Fault(FailLoads, HangLoads, cancellationToken);
        if (CorruptLoads)
        {
            throw new CorruptSessionEntryException("Injected corrupt entry.");
        }
        return await Inner.LoadAsync(storeKey, cancellationToken);
    }

    public async Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        await Fault(FailCommits, HangCommits, cancellationToken);
        return await Inner.CommitAsync(storeKey, commit, cancellationToken);
    }

    public async Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        await Fault(FailRefreshes, hang: false, cancellationToken);
        await Inner.RefreshAsync(storeKey, expiry, cancellationToken);
    }

    public async Task DeleteAsync(string storeKey, CancellationToken cancellationToken)
    {
        await Fault(FailDeletes, hang: false, cancellationToken);
        await Inner.DeleteAsync(storeKey, cancellationToken);
    }

    private static async Task Fault(bool fail, bool hang, CancellationToken cancellationToken)
    {
        if (fail)
        {
            throw new StoreUnreachableException();
        }
        if (hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}

/// <summary>The error <see cref="FailingSessionStore"/> throws, standing for a network or server failure.</summary>
public sealed class StoreUnreachableException() : Exception("Injected store failure.");
