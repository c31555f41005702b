using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TypedSession.Codecs;
using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// One request's view of one session, created by <see cref="SessionEngine"/>. It loads at most once, tracks what the
/// request changed, and at the end writes only that (or nothing, or a rare expiry refresh). Not thread-safe, like
/// every <see cref="ISession"/>: a request uses it from one logical flow at a time.
/// </summary>
internal sealed class EngineSession : ISession, ISessionLifecycle, IUndecodableValueSink
{
    // Keys are written with a 2-byte length by the blob formats (the stock one included).
    private const int KeyLengthLimit = ushort.MaxValue;
    private const string EstablishAfterStartMessage =
        "The session cannot be established after the response has started: set a session value before writing to the response.";

    private readonly SessionEngine _engine;
    private readonly HttpContext? _context;
    private readonly Func<bool> _tryEstablishSession;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _ioTimeout;

    // True when the request carried a valid session cookie (so destroy must expire it).
    private readonly bool _cookieCameIn;

    private string _storeKey;

    // The client holds no cookie for _storeKey: a value set now must establish one.
    private bool _keyIsNew;

    // The engine sends the cookie itself (after regenerate or destroy, or for a key it made); otherwise the stock
    // middleware's establisher does, for the key it made.
    private bool _ownsCookie;

    // The store may hold an entry under _storeKey: false for a key made in this request until something is written.
    private bool _keyMayHaveEntry;

    private LoadState _state;
    private Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private HashSet<string>? _changed;
    private HashSet<string>? _removed;

    // UTF-8 bytes of all keys and values, for the size budget; -1 until a write needs it, so that requests that only
    // read never measure the session.
    private long _size;
    private bool _dirty;
    private bool _replaceAll;
    private bool _staleEntry;
    private bool _isNew;
    private DateTimeOffset _createdAt;
    private DateTimeOffset _refreshedAt;

    // The last commit failure while changes are pending: thrown again when the response starts, so that a response
    // that starts only after the stock middleware's end-of-request commit (a redirect, an empty body) still fails.
    private SessionUnavailableException? _commitFailure;

    private CookieAction _cookieAction;
    private bool _establishPending;
    private bool _responseHookRegistered;
    private string? _id;
    private string? _logHash;

    internal EngineSession(
        SessionEngine engine,
        HttpContext? context,
        string sessionKey,
        TimeSpan idleTimeout,
        TimeSpan ioTimeout,
        Func<bool> tryEstablishSession,
        bool isNewSessionKey)
    {
        _engine = engine;
        _context = context;
        _tryEstablishSession = tryEstablishSession;
        _idleTimeout = idleTimeout;
        _ioTimeout = ioTimeout;
        _storeKey = sessionKey;
        _keyIsNew = isNewSessionKey;
        _cookieCameIn = !isNewSessionKey;
        _keyMayHaveEntry = !isNewSessionKey;
        if (!isNewSessionKey && !SessionIds.IsStoreKey(sessionKey))
        {
            // Only a cookie this application protected can get here, so this is another session implementation's key:
            // never look it up, start over under a key of our own.
            SessionEngineLog.UnexpectedStoreKey(engine.Logger);
            _storeKey = SessionIds.NewStoreKey();
            _keyIsNew = true;
            _ownsCookie = true;
            _keyMayHaveEntry = false;
        }
    }

    private enum LoadState
    {
        NotLoaded,
        Loaded,
        Unavailable,
    }

    private enum CookieAction
    {
        None,
        Issue,
        Expire,
    }

    /// <inheritdoc />
    public bool IsAvailable
    {
        get
        {
            EnsureLoaded();
            return _state == LoadState.Loaded;
        }
    }

    /// <inheritdoc />
    /// <remarks>Derived one-way from the store key: stable while the key lives, never the cookie value; empty when unavailable.</remarks>
    public string Id
    {
        get
        {
            EnsureLoaded();
            return _state == LoadState.Loaded ? CurrentId : string.Empty;
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            EnsureLoaded();
            return _values.Keys;
        }
    }

    /// <inheritdoc />
    public bool IsNew
    {
        get
        {
            EnsureLoaded();
            return _isNew;
        }
    }

    /// <inheritdoc />
    public DateTimeOffset CreatedAt
    {
        get
        {
            EnsureLoaded();
            return _createdAt;
        }
    }

    private string CurrentId => _id ??= SessionIds.IdOf(_storeKey);

    private long Size
    {
        get
        {
            if (_size < 0)
            {
                long size = 0;
                foreach (var (key, value) in _values)
                {
                    size += Encoding.UTF8.GetByteCount(key) + value.Length;
                }
                _size = size;
            }
            return _size;
        }
    }

    private string LogHash => _logHash ??= SessionIds.LogHashOf(CurrentId);

    // The log hash costs two SHA-256 computations: the routine per-request events (Debug, and Information for new
    // sessions) compute it only when their level is on, so that a request pays for logging only when it logs.
    private bool Logs(LogLevel level) => _engine.Logger.IsEnabled(level);

    /// <inheritdoc />
    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        EnsureLoaded();
        return _values.TryGetValue(key, out value);
    }

    /// <inheritdoc />
    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        EnsureWritable();

        var keyBytes = Encoding.UTF8.GetByteCount(key);
        if (keyBytes > KeyLengthLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"A session key may be at most {KeyLengthLimit} UTF-8 bytes long; this one has {keyBytes}.");
        }

        var previous = _values.TryGetValue(key, out var old) ? keyBytes + old.Length : 0;
        var current = Size;
        var size = current - previous + keyBytes + value.Length;
        var limit = _engine.Options.MaxSessionBytes;
        if (size > limit && size > current)
        {
            throw new SessionTooLargeException(key, value.Length, size, limit);
        }

        Establish();
        // Copied, as the stock session does: the caller may reuse its array.
        _values[key] = value.AsSpan().ToArray();
        _size = size;
        if (!_replaceAll)
        {
            (_changed ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
            _removed?.Remove(key);
        }
        MarkDirty();
    }

    /// <inheritdoc />
    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureWritable();
        if (!_values.TryGetValue(key, out var old))
        {
            return;
        }
        // Measured before the removal: a session not measured yet counts the removed value once, here.
        _size = Size - (Encoding.UTF8.GetByteCount(key) + old.Length);
        _values.Remove(key);
        if (!_replaceAll)
        {
            _changed?.Remove(key);
            (_removed ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
        }
        MarkDirty();
    }

    /// <inheritdoc />
    public void Clear()
    {
        EnsureWritable();
        if (_values.Count == 0)
        {
            return;
        }
        _values.Clear();
        _size = 0;
        _changed?.Clear();
        _removed?.Clear();
        _replaceAll = true;
        MarkDirty();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Never throws for a failing store: the session then reports <see cref="IsAvailable"/> <see langword="false"/>,
    /// reads give defaults and writes throw <see cref="SessionUnavailableException"/>. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is canceled.
    /// </remarks>
    public Task LoadAsync(CancellationToken cancellationToken = default) =>
        _state == LoadState.NotLoaded ? LoadCoreAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>
    /// Writes what this request changed (one store call), or refreshes the expiry of an unchanged session when
    /// <see cref="TypedSessionOptions.RefreshThreshold"/> of the idle timeout has passed, or does nothing (a session
    /// that was never loaded, or is unchanged and fresh). A failed write throws <see cref="SessionUnavailableException"/>
    /// after logging it; the changes stay pending, so a later commit retries them.
    /// </remarks>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_state != LoadState.Loaded)
        {
            return;
        }
        if (_dirty)
        {
            try
            {
                await WriteAsync(_storeKey, cancellationToken).ConfigureAwait(false);
                _commitFailure = null;
            }
            catch (SessionUnavailableException failure)
            {
                // Remembered for the response start (see OnResponseStartingAsync); a regenerate's write is not a
                // commit and is reported to its caller only.
                _commitFailure = failure;
                throw;
            }
            return;
        }
        if (_staleEntry)
        {
            await DeleteStaleEntryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        if (_keyMayHaveEntry && _engine.Time.GetUtcNow() - _refreshedAt >= _idleTimeout * _engine.Options.RefreshThreshold)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task RegenerateIdAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnavailable(nameof(RegenerateIdAsync));
        RequireCookieCanBeSent(nameof(RegenerateIdAsync));

        var oldKey = _storeKey;
        var oldHash = LogHash;
        var oldMayHaveEntry = _keyMayHaveEntry;
        var newKey = SessionIds.NewStoreKey();
        var written = false;
        if (_values.Count > 0)
        {
            // The values reach the new key before the old entry goes, so that a failure loses nothing.
            _replaceAll = true;
            await WriteAsync(newKey, cancellationToken).ConfigureAwait(false);
            written = true;
        }
        if (oldMayHaveEntry)
        {
            try
            {
                await DeleteAsync(oldKey, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionUnavailableException)
            {
                if (written)
                {
                    // Keep one live copy: the old key, which the client still holds.
                    await TryDeleteQuietlyAsync(newKey).ConfigureAwait(false);
                    _keyMayHaveEntry = oldMayHaveEntry;
                    _replaceAll = true;
                    _dirty = true;
                }
                throw;
            }
        }

        _storeKey = newKey;
        _id = null;
        _logHash = null;
        _keyIsNew = true;
        _ownsCookie = true;
        _keyMayHaveEntry = written;
        _staleEntry = false;
        // An empty session's first write under the new key creates its entry whole.
        _replaceAll = !written;
        _establishPending = false;
        _cookieAction = CookieAction.Issue;
        RegisterResponseHook();
        SessionEngineLog.Regenerated(_engine.Logger, oldHash, LogHash);
    }

    /// <inheritdoc />
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_keyMayHaveEntry)
        {
            await DeleteAsync(_storeKey, cancellationToken).ConfigureAwait(false);
        }
        SessionEngineLog.Destroyed(_engine.Logger, LogHash);

        if (_context is { } context)
        {
            if (context.Response.HasStarted)
            {
                SessionEngineLog.DestroyedAfterResponseStarted(_engine.Logger, LogHash);
            }
            else
            {
                _cookieAction = _cookieCameIn ? CookieAction.Expire : CookieAction.None;
                _establishPending = false;
                RegisterResponseHook();
            }
        }

        // Whatever the request does next happens in a new, empty session under a new key; its first value issues a
        // new cookie (replacing the expired one).
        _storeKey = SessionIds.NewStoreKey();
        _id = null;
        _logHash = null;
        _keyIsNew = true;
        _ownsCookie = true;
        _keyMayHaveEntry = false;
        StartNew(staleEntry: false);
    }

    /// <inheritdoc />
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var wasNew = _isNew && _state == LoadState.Loaded;
        _state = LoadState.NotLoaded;
        _values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        _changed = null;
        _removed = null;
        _size = 0;
        _dirty = false;
        _replaceAll = false;
        _staleEntry = false;
        await LoadCoreAsync(cancellationToken).ConfigureAwait(false);
        // A session this request started stays new even when this request already wrote it.
        _isNew |= wasNew && _keyIsNew;
    }

    /// <inheritdoc />
    public void OnUndecodableValue(string key, Type valueType, Exception? error) =>
        SessionEngineLog.UndecodableValue(_engine.Logger, key, LogHash, valueType.Name, error);

    private void EnsureLoaded()
    {
        if (_state != LoadState.NotLoaded)
        {
            return;
        }
        if (!_keyMayHaveEntry)
        {
            StartNew(staleEntry: false);
            return;
        }
        // Stock code may use HttpContext.Session without awaiting LoadAsync; it must keep working, as it does with
        // the stock store, so the load blocks here. TypedSession's own paths load asynchronously before this.
        _engine.ReportSynchronousLoad();
        LoadCoreAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private void EnsureWritable()
    {
        EnsureLoaded();
        ThrowIfUnavailable("write to");
    }

    private void ThrowIfUnavailable(string operation)
    {
        if (_state == LoadState.Unavailable)
        {
            throw new SessionUnavailableException(
                $"Cannot {operation} the session: its store could not be reached when the session was loaded in this request (see the error logged " +
                "for the session), so the change would be lost.");
        }
    }

    private async Task LoadCoreAsync(CancellationToken cancellationToken)
    {
        if (!_keyMayHaveEntry)
        {
            // A key made in this request holds nothing yet: no store call.
            StartNew(staleEntry: false);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        SessionEntry? entry;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_ioTimeout);
            try
            {
                entry = await _engine.Store.LoadAsync(_storeKey, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller gave up (the stock contract): the session stays unloaded, a later access loads it.
                throw;
            }
            catch (CorruptSessionEntryException exception)
            {
                _engine.Metrics.Load("corrupt", Stopwatch.GetElapsedTime(started));
                SessionEngineLog.CorruptEntry(_engine.Logger, LogHash, exception.Message);
                StartNew(staleEntry: true);
                return;
            }
            catch (Exception exception)
            {
                _engine.Metrics.Load("failed", Stopwatch.GetElapsedTime(started));
                _engine.Metrics.Failure("load");
                SessionEngineLog.LoadFailed(_engine.Logger, LogHash, exception);
                _values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                _state = LoadState.Unavailable;
                return;
            }
        }

        if (entry is null)
        {
            _engine.Metrics.Load("missing", Stopwatch.GetElapsedTime(started));
            if (Logs(LogLevel.Debug))
            {
                SessionEngineLog.Missing(_engine.Logger, LogHash);
            }
            _keyMayHaveEntry = false;
            StartNew(staleEntry: false);
            return;
        }

        var now = _engine.Time.GetUtcNow();
        var expiredBecause =
            _engine.Options.AbsoluteLifetime is { } lifetime && entry.CreatedAt + lifetime <= now ? "absolute lifetime" :
            entry.RefreshedAt + _idleTimeout <= now ? "idle timeout" :
            null;
        if (expiredBecause is not null)
        {
            _engine.Metrics.Load("expired", Stopwatch.GetElapsedTime(started));
            if (Logs(LogLevel.Information))
            {
                SessionEngineLog.Expired(_engine.Logger, LogHash, expiredBecause);
            }
            StartNew(staleEntry: true);
            return;
        }

        // The store hands the entry over (ITypedSessionStore.LoadAsync): its dictionary becomes the session's unless it
        // compares keys differently.
        var values = entry.Values is Dictionary<string, byte[]> owned && ReferenceEquals(owned.Comparer, StringComparer.Ordinal)
            ? owned
            : new Dictionary<string, byte[]>(entry.Values, StringComparer.Ordinal);
        _values = values;
        _size = -1;
        _createdAt = entry.CreatedAt;
        _refreshedAt = entry.RefreshedAt;
        _isNew = false;
        _state = LoadState.Loaded;
        _engine.Metrics.Load("found", Stopwatch.GetElapsedTime(started));
        if (Logs(LogLevel.Debug))
        {
            SessionEngineLog.Loaded(_engine.Logger, LogHash, values.Count);
        }
    }

    // A fresh, empty, available session. staleEntry: an expired or unreadable entry still sits under the key, so the
    // first write replaces it whole, and a request that writes nothing deletes it.
    private void StartNew(bool staleEntry)
    {
        _values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        _changed = null;
        _removed = null;
        _size = 0;
        _dirty = false;
        _replaceAll = true;
        _staleEntry = staleEntry;
        _isNew = true;
        _createdAt = _refreshedAt = _engine.Time.GetUtcNow();
        _state = LoadState.Loaded;
    }

    private void MarkDirty()
    {
        _dirty = true;
        if (_engine.Options.FailRequestOnCommitFailure)
        {
            RegisterResponseHook();
        }
    }

    // A value was set: make sure the client will hold a cookie for the current key.
    private void Establish()
    {
        if (!_keyIsNew || _cookieAction == CookieAction.Issue || _establishPending)
        {
            return;
        }
        if (_context is null)
        {
            // No request to hook: the stock establisher decides now, as with the stock session.
            if (_ownsCookie || !_tryEstablishSession())
            {
                throw new InvalidOperationException(EstablishAfterStartMessage);
            }
            _establishPending = true;
            return;
        }
        if (_context.Response.HasStarted)
        {
            throw new InvalidOperationException(EstablishAfterStartMessage);
        }
        if (_ownsCookie)
        {
            _cookieAction = CookieAction.Issue;
        }
        else
        {
            // Decided when the response starts, not now: a regenerate or destroy later in the request must be able
            // to keep the stock middleware from sending the cookie of a key that no longer exists.
            _establishPending = true;
        }
        RegisterResponseHook();
    }

    private void RegisterResponseHook()
    {
        if (_responseHookRegistered || _context is null || _context.Response.HasStarted)
        {
            return;
        }
        _responseHookRegistered = true;
        _context.Response.OnStarting(static state => ((EngineSession)state).OnResponseStartingAsync(), this);
    }

    // Runs before the stock middleware's own OnStarting callback (callbacks run in reverse order of registration and
    // the middleware registers first), so the cookie decision made here is final.
    private Task OnResponseStartingAsync()
    {
        if (_engine.Options.FailRequestOnCommitFailure && _commitFailure is { } failure)
        {
            // The end-of-request commit already failed (and the middleware swallowed it): fail the response instead of
            // sending a success, and do not retry.
            _commitFailure = null;
            _dirty = false;
            return Task.FromException(failure);
        }

        var context = _context!;
        switch (_cookieAction)
        {
            case CookieAction.Issue:
                SessionCookie.Issue(context, _engine.SessionOptions, _engine.Protector, _storeKey);
                break;
            case CookieAction.Expire:
                SessionCookie.Expire(context, _engine.SessionOptions);
                break;
            default:
                if (_establishPending && _keyIsNew && !_ownsCookie)
                {
                    _tryEstablishSession();
                }
                break;
        }
        _cookieAction = CookieAction.None;

        return _engine.Options.FailRequestOnCommitFailure && _dirty && _state == LoadState.Loaded
            ? CommitBeforeResponseAsync()
            : Task.CompletedTask;
    }

    // Committed now, while a failure can still fail the request; the request's abort token is deliberately not used,
    // as the stock commit does not use it either.
    private async Task CommitBeforeResponseAsync()
    {
        try
        {
            await CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SessionUnavailableException)
        {
            // Logged, counted, and now failing the request: the end-of-request commit must not retry the changes of a
            // request whose client is told it failed.
            _dirty = false;
            throw;
        }
    }

    private void RequireCookieCanBeSent(string operation)
    {
        if (_context is null)
        {
            throw new InvalidOperationException(
                $"{operation} must send a new session cookie, but this session was created outside an HTTP request. " +
                "Use it on the session of the current request (HttpContext.Session or the typed session class).");
        }
        if (_context.Response.HasStarted)
        {
            throw new InvalidOperationException(
                $"{operation} must send a new session cookie, but the response has already started. Call it before writing to the response.");
        }
        var cookieName = _engine.SessionOptions.Cookie.Name!;
        if (_cookieCameIn && !_context.Request.Cookies.ContainsKey(cookieName))
        {
            throw new InvalidOperationException(
                $"{operation} must send a new session cookie named '{cookieName}' (the SessionOptions in the service container), but the session " +
                "middleware read the session from a differently named cookie: it was given its own SessionOptions in app.UseSession(...). " +
                "Configure the session with builder.Services.AddSession(options => ...) and call app.UseSession() without options.");
        }
    }

    private async Task WriteAsync(string storeKey, CancellationToken cancellationToken)
    {
        var now = _engine.Time.GetUtcNow();
        var replaceAll = _replaceAll;
        IReadOnlyDictionary<string, byte[]> changed = ReadOnlyDictionary<string, byte[]>.Empty;
        long bytes = 0;
        if (replaceAll)
        {
            bytes = Size;
        }
        else if (_changed is { Count: > 0 })
        {
            var changedValues = new Dictionary<string, byte[]>(_changed.Count, StringComparer.Ordinal);
            foreach (var key in _changed)
            {
                var value = _values[key];
                changedValues[key] = value;
                bytes += Encoding.UTF8.GetByteCount(key) + value.Length;
            }
            changed = changedValues;
        }
        var removed = replaceAll || _removed is null ? (IReadOnlyCollection<string>)[] : [.. _removed];
        // The session's own dictionary, not a copy: the store reads it only until the returned task completes
        // (SessionCommit.Values), and nothing in this request changes it before then.
        var commit = new SessionCommit(
            _values,
            changed,
            removed,
            replaceAll,
            _createdAt,
            ExpiryAt(now));

        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_ioTimeout);
            try
            {
                await _engine.Store.CommitAsync(storeKey, commit, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller gave up; the changes stay pending for the end-of-request commit.
                throw;
            }
            catch (Exception exception)
            {
                _engine.Metrics.Failure("commit");
                SessionEngineLog.CommitFailed(_engine.Logger, LogHash, exception);
                throw new SessionUnavailableException(
                    $"The session could not be written to its store ({exception.GetType().Name}); this request's session changes are not saved.", exception);
            }
        }

        _engine.Metrics.Commit(bytes);
        if (_isNew && replaceAll && storeKey == _storeKey && Logs(LogLevel.Information))
        {
            SessionEngineLog.Started(_engine.Logger, LogHash);
        }
        if (Logs(LogLevel.Debug))
        {
            SessionEngineLog.Committed(_engine.Logger, LogHash, changed.Count, removed.Count, replaceAll, bytes);
        }
        _dirty = false;
        _replaceAll = false;
        _staleEntry = false;
        _changed?.Clear();
        _removed?.Clear();
        _keyMayHaveEntry = true;
        _refreshedAt = now;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _engine.Time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_ioTimeout);
        try
        {
            await _engine.Store.RefreshAsync(_storeKey, ExpiryAt(now), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Nothing is lost: the values are stored; the session may only expire earlier than it would have.
            _engine.Metrics.Failure("refresh");
            SessionEngineLog.RefreshFailed(_engine.Logger, LogHash, exception);
            return;
        }
        _refreshedAt = now;
        _engine.Metrics.Refresh();
        if (Logs(LogLevel.Debug))
        {
            SessionEngineLog.Refreshed(_engine.Logger, LogHash);
        }
    }

    private async Task DeleteAsync(string storeKey, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_ioTimeout);
        try
        {
            await _engine.Store.DeleteAsync(storeKey, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            _engine.Metrics.Failure("delete");
            SessionEngineLog.DeleteFailed(_engine.Logger, LogHash, exception);
            throw new SessionUnavailableException(
                $"The session could not be deleted from its store ({exception.GetType().Name}); it is unchanged.", exception);
        }
    }

    private async Task DeleteStaleEntryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(_storeKey, cancellationToken).ConfigureAwait(false);
            _staleEntry = false;
            _keyMayHaveEntry = false;
        }
        catch (SessionUnavailableException)
        {
            // Already logged and counted; the store's own expiry removes the entry eventually.
        }
    }

    private async Task TryDeleteQuietlyAsync(string storeKey)
    {
        try
        {
            await DeleteAsync(storeKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SessionUnavailableException)
        {
            // Logged; the orphan entry expires by itself and no cookie points to it.
        }
    }

    private SessionExpiry ExpiryAt(DateTimeOffset now) =>
        new(_idleTimeout, _engine.Options.AbsoluteLifetime is { } lifetime ? _createdAt + lifetime : null, now);
}
