using Microsoft.Extensions.Logging;
using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// The engine's only way to its <see cref="ITypedSessionStore"/>: every call gets the I/O timeout (linked to the
/// caller's token), and every failure is counted (<c>typedsession.failures</c>), logged with the session's hash and
/// turned into a <see cref="SessionUnavailableException"/>, in one place. What a failure means for the session (an
/// unavailable session, a failed commit, a refresh that can wait) is the caller's decision.
/// </summary>
/// <remarks>
/// Two exceptions pass through unchanged: an <see cref="OperationCanceledException"/> when the caller's own token was
/// canceled (the caller gave up; the stock contract), and a <see cref="CorruptSessionEntryException"/> from a load,
/// which is not a store failure but an unreadable entry. One instance serves the whole engine; it holds no session state.
/// </remarks>
internal sealed class GuardedSessionStore(ITypedSessionStore store, SessionMetrics metrics, ILogger logger)
{
    // The in-memory store completes every call in process without I/O, so a timeout could never fire: its calls get the
    // caller's token as it is, and no linked token source and timer per call (two per request on the hot path).
    private readonly bool _timesOut = store is not MemorySessionStore;

    /// <exception cref="CorruptSessionEntryException">The entry exists but cannot be read.</exception>
    /// <exception cref="SessionUnavailableException">The store failed or timed out (logged and counted).</exception>
    internal ValueTask<SessionEntry?> LoadAsync(string storeKey, TimeSpan timeout, SessionStoreKey logAs, CancellationToken cancellationToken) =>
        CallAsync(StoreOperation.Load, storeKey, 0, static (store, key, _, token) => store.LoadAsync(key, token), timeout, logAs, cancellationToken);

    /// <returns><see langword="false"/> when an update found its entry gone and wrote nothing (see <see cref="ITypedSessionStore.CommitAsync"/>).</returns>
    /// <exception cref="SessionUnavailableException">The store failed or timed out (logged and counted).</exception>
    internal ValueTask<bool> CommitAsync(string storeKey, SessionCommit commit, TimeSpan timeout, SessionStoreKey logAs, CancellationToken cancellationToken) =>
        CallAsync(StoreOperation.Commit, storeKey, commit, static (store, key, commit, token) => store.CommitAsync(key, commit, token), timeout, logAs, cancellationToken);

    /// <summary>A login's first write, through the store's per-user index (see <see cref="ISessionIndexStore.LogInAsync"/>).</summary>
    /// <exception cref="SessionUnavailableException">The store failed or timed out (logged and counted).</exception>
    internal ValueTask<SessionLoginResult> LogInAsync(
        string storeKey, SessionCommit commit, SessionLimit? limit, string? replacing, TimeSpan timeout, SessionStoreKey logAs, CancellationToken cancellationToken) =>
        CallAsync(StoreOperation.Commit, storeKey, (commit, limit, replacing),
            static (store, key, login, token) => ((ISessionIndexStore)store).LogInAsync(key, login.commit, login.limit, login.replacing, token),
            timeout, logAs, cancellationToken);

    /// <exception cref="SessionUnavailableException">The store failed or timed out (logged and counted).</exception>
    internal ValueTask RefreshAsync(string storeKey, SessionExpiry expiry, TimeSpan timeout, SessionStoreKey logAs, CancellationToken cancellationToken) =>
        WithoutResult(CallAsync(StoreOperation.Refresh, storeKey, expiry,
            static (store, key, expiry, token) => Completion(store.RefreshAsync(key, expiry, token)), timeout, logAs, cancellationToken));

    /// <exception cref="SessionUnavailableException">The store failed or timed out (logged and counted).</exception>
    internal ValueTask DeleteAsync(string storeKey, TimeSpan timeout, SessionStoreKey logAs, CancellationToken cancellationToken) =>
        WithoutResult(CallAsync(StoreOperation.Delete, storeKey, 0,
            static (store, key, _, token) => Completion(store.DeleteAsync(key, token)), timeout, logAs, cancellationToken));

    /// <summary>
    /// A call to the store's per-user index that is not about one request's session (the directory, the expiry sweep):
    /// the same timeout, counting and wrapping. Throws <see cref="NotSupportedException"/> when the store has no index.
    /// </summary>
    /// <exception cref="SessionUnavailableException">The store failed or timed out (logged and counted).</exception>
    internal async ValueTask<TResult> IndexAsync<TArgument, TResult>(
        StoreOperation operation,
        TArgument argument,
        Func<ISessionIndexStore, TArgument, CancellationToken, Task<TResult>> call,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (store is not ISessionIndexStore index)
        {
            throw new NotSupportedException(SessionDirectory.NotSupportedMessage);
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await call(index, argument, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!PassesThrough(operation, exception, cancellationToken))
        {
            throw Failed(operation, exception, "(directory)");
        }
    }

    /// <summary>
    /// A delete whose failure changes nothing for the caller (it is logged and counted): <see langword="false"/> when it
    /// failed. The caller's cancellation still throws.
    /// </summary>
    internal async ValueTask<bool> TryDeleteAsync(string storeKey, TimeSpan timeout, SessionStoreKey logAs, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(storeKey, timeout, logAs, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SessionUnavailableException)
        {
            return false;
        }
    }

    // logAs: the session the call is made for, named in the log by the hash of its current key, which is not always the
    // key called (a regenerate writes under the next key).
    private ValueTask<TResult> CallAsync<TArgument, TResult>(
        StoreOperation operation,
        string storeKey,
        TArgument argument,
        Func<ITypedSessionStore, string, TArgument, CancellationToken, Task<TResult>> call,
        TimeSpan timeout,
        SessionStoreKey logAs,
        CancellationToken cancellationToken)
    {
        if (_timesOut)
        {
            return CallWithTimeoutAsync(operation, storeKey, argument, call, timeout, logAs, cancellationToken);
        }
        // The in-memory store's calls complete before they return: those cost no state machine, only the same guard.
        Task<TResult> pending;
        try
        {
            pending = call(store, storeKey, argument, cancellationToken);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(PassesThrough(operation, exception, cancellationToken) ? exception : Failed(operation, exception, logAs.LogHash));
        }
        return pending.IsCompletedSuccessfully ? new ValueTask<TResult>(pending.Result) : GuardAsync(operation, pending, logAs, cancellationToken);
    }

    private async ValueTask<TResult> GuardAsync<TResult>(StoreOperation operation, Task<TResult> pending, SessionStoreKey logAs, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception exception) when (!PassesThrough(operation, exception, cancellationToken))
        {
            throw Failed(operation, exception, logAs.LogHash);
        }
    }

    private async ValueTask<TResult> CallWithTimeoutAsync<TArgument, TResult>(
        StoreOperation operation,
        string storeKey,
        TArgument argument,
        Func<ITypedSessionStore, string, TArgument, CancellationToken, Task<TResult>> call,
        TimeSpan timeout,
        SessionStoreKey logAs,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await call(store, storeKey, argument, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!PassesThrough(operation, exception, cancellationToken))
        {
            throw Failed(operation, exception, logAs.LogHash);
        }
    }

    // The caller's own cancellation (the caller gave up) and a load's unreadable entry are not store failures.
    private static bool PassesThrough(StoreOperation operation, Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested
        || exception is CorruptSessionEntryException && operation == StoreOperation.Load;

    // Every other failure is counted, logged with the session's hash (or what the call was for) and wrapped.
    private SessionUnavailableException Failed(StoreOperation operation, Exception exception, string logHash)
    {
        metrics.Failure(TagOf(operation));
        LogFailure(operation, logHash, exception);
        return new SessionUnavailableException(MessageFor(operation, exception), exception);
    }

    // A completed Task<bool> is cached by the runtime, so a store call that completes synchronously allocates nothing here.
    private static async Task<bool> Completion(Task call)
    {
        await call.ConfigureAwait(false);
        return true;
    }

    private static ValueTask WithoutResult(ValueTask<bool> call) =>
        call.IsCompletedSuccessfully ? default : new ValueTask(call.AsTask());

    private static string TagOf(StoreOperation operation) => operation switch
    {
        StoreOperation.Load => "load",
        StoreOperation.Commit => "commit",
        StoreOperation.Refresh => "refresh",
        _ => "delete",
    };

    private void LogFailure(StoreOperation operation, string sessionHash, Exception exception)
    {
        switch (operation)
        {
            case StoreOperation.Load:
                SessionEngineLog.LoadFailed(logger, sessionHash, exception);
                break;
            case StoreOperation.Commit:
                SessionEngineLog.CommitFailed(logger, sessionHash, exception);
                break;
            case StoreOperation.Refresh:
                SessionEngineLog.RefreshFailed(logger, sessionHash, exception);
                break;
            default:
                SessionEngineLog.DeleteFailed(logger, sessionHash, exception);
                break;
        }
    }

    private static string MessageFor(StoreOperation operation, Exception exception)
    {
        var cause = exception.GetType().Name;
        return operation switch
        {
            StoreOperation.Load => $"The session could not be loaded from its store ({cause}); it is unavailable for this request.",
            StoreOperation.Commit => $"The session could not be written to its store ({cause}); this request's session changes are not saved.",
            StoreOperation.Refresh => $"The session's expiry could not be refreshed in its store ({cause}); its values are intact.",
            _ => $"The session could not be deleted from its store ({cause}); it is unchanged.",
        };
    }
}
