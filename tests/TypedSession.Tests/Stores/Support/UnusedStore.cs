using TypedSession.Stores;

namespace TypedSession.Tests.Stores.Support;

/// <summary>A store registered only to prove that a later registration replaces it; any call is a test failure.</summary>
internal sealed class UnusedStore : ITypedSessionStore
{
    public Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken) => throw new InvalidOperationException("Unused store was called.");

    public Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken) => throw new InvalidOperationException("Unused store was called.");

    public Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken) => throw new InvalidOperationException("Unused store was called.");

    public Task DeleteAsync(string storeKey, CancellationToken cancellationToken) => throw new InvalidOperationException("Unused store was called.");
}
