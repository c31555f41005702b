using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TypedSession.Stores.Redis;

/// <summary>
/// Keeps each session in one Redis hash with one field per session key, so that a request writes only the keys it
/// changed and concurrent requests of one session that change different keys never erase each other.
/// </summary>
/// <remarks>
/// <para>
/// Commands per request: loading is one <c>HGETALL</c>; the first write of a session (new or regenerated) writes the
/// hash under a staging key and renames it over the session's key, atomically, in one round trip; every later write (a
/// commit of changed keys, a cleared session, a refresh) is one <c>EVALSHA</c> of a script that checks the session still
/// exists (<c>PEXPIRE</c> answers 0 for a missing key) and only then writes, so a write racing a destroy, a regenerate or
/// the expiry writes nothing, not even a fragment; a delete is one <c>UNLINK</c>.
/// </para>
/// <para>
/// Redis enforces both the idle and the absolute expiry through the key's time to live
/// (<see cref="SessionExpiry.TimeToLive"/>), so an abandoned session disappears without any clean-up work.
/// </para>
/// <para>
/// The Redis key is the key prefix followed by the store key the engine passes (a hash of the cookie's secret, never the
/// secret) in braces (<c>typedsession:{9b71…}</c>). Besides the session keys, the hash holds two metadata fields whose
/// names start with the byte <c>0xFF</c>, which never occurs in UTF-8 and so in no encoded session key:
/// <c>0xFF 'c'</c> (creation time) and <c>0xFF 'r'</c> (last commit or refresh), both Unix milliseconds, and
/// <c>0xFF 'p'</c>, <c>1</c> for a remembered session (<see cref="SessionEntry.IsPersistent"/>) and <c>0</c> or absent
/// otherwise. A hash without the creation time (which earlier versions could leave behind after a late write) loads as
/// no session. A logged-in session also holds its owner, <c>0xFF 'u'</c> (user id), <c>0xFF 'i'</c> (session id) and
/// <c>0xFF 'd'</c> (device, when given), written once when the session is created, and keeps its refresh time under
/// <c>0xFF 'R'</c> instead of <c>0xFF 'r'</c>: a refresh that does not know whose session it is learns it from
/// <c>HSET</c>'s answer, so an anonymous session's refresh reads nothing more.
/// </para>
/// <para>
/// As an <see cref="ISessionIndexStore"/>, the store keeps per user three keys whose hash tag is the user id, so that
/// they share one Redis Cluster slot: <c>typedsession:u:{user}:e</c> (a sorted set of store keys by expiry),
/// <c>:a</c> (the same by last access) and <c>:s</c> (a hash of what the listing shows). Each index step is one script
/// on that slot. A write or refresh of a logged-in session sends the session's script and the index touch together, one
/// round trip; the touch moves only an entry that is there and not yet expired. Steps that also touch the session's own
/// key (login, revoke, delete) run in an order that a crash between them leaves safe: the session is created before its
/// entry and deleted before it. Expired entries stay until <see cref="TakeExpiredAsync"/> (a <c>SCAN</c> of every
/// primary) takes them; the index keys expire <see cref="IndexGracePeriod"/> after the latest expiry they hold.
/// </para>
/// </remarks>
internal sealed partial class RedisSessionStore : ITypedSessionStore, ISessionIndexStore, IAsyncDisposable, IDisposable
{
    private const byte MetadataMarker = 0xFF;

    private static readonly byte[] CreatedField = [MetadataMarker, (byte)'c'];
    private static readonly byte[] RefreshedField = [MetadataMarker, (byte)'r'];
    private static readonly byte[] PersistentField = [MetadataMarker, (byte)'p'];

    // A logged-in session keeps its refresh time under 'R' instead of 'r', so that a refresh that does not know whose
    // session it is learns it from HSET's answer (1: the field was new, the session is owned) without reading anything
    // for an anonymous session; see UpdateScript.
    private static readonly byte[] OwnedRefreshedField = [MetadataMarker, (byte)'R'];
    private static readonly byte[] UserField = [MetadataMarker, (byte)'u'];
    private static readonly byte[] SessionIdField = [MetadataMarker, (byte)'i'];
    private static readonly byte[] DeviceField = [MetadataMarker, (byte)'d'];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RedisSessionStoreOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private volatile IDatabase? _database;
    private IConnectionMultiplexer? _ownedConnection;
    private bool _disposed;

    /// <summary>Creates the store; it connects on first use.</summary>
    public RedisSessionStore(IOptions<RedisSessionStoreOptions> options, ILogger<RedisSessionStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.ConnectionMultiplexerFactory is null && _options.ConfigurationOptions is null && string.IsNullOrWhiteSpace(_options.Configuration))
        {
            throw new InvalidOperationException(RedisSessionStoreOptionsValidator.MissingConnectionMessage);
        }
    }

    /// <inheritdoc />
    public async Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken)
    {
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        HashEntry[] entries;
        try
        {
            entries = await database.HashGetAllAsync(RedisKeyOf(storeKey)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            throw new CorruptSessionEntryException("The Redis key of the session holds something other than a hash.", exception);
        }

        return entries.Length == 0 ? null : ReadEntry(entries);
    }

    /// <inheritdoc />
    public async Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var timeToLive = commit.Expiry.TimeToLive;
        if (timeToLive <= TimeSpan.Zero)
        {
            await DeleteAsync(storeKey, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var key = RedisKeyOf(storeKey);
        var now = commit.Expiry.Now.ToUnixTimeMilliseconds();
        var milliseconds = ToMilliseconds(timeToLive);

        if (commit.CreatesEntry)
        {
            await CreateAsync(database, storeKey, commit, milliseconds, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // An update (changed keys, or a cleared session): one script, so that the existence check and the writes are
        // one atomic step in one round trip. A logged-in session's index entry is moved by a second script on the
        // user's slot, sent at the same time so that both go out in one round trip.
        var arguments = new RedisValue[5 + commit.Removed.Count + 2 * ((commit.ReplaceAll ? commit.Values.Count : commit.Changed.Count) + 2)];
        var position = 0;
        arguments[position++] = milliseconds;
        arguments[position++] = 0;
        arguments[position++] = commit.ReplaceAll ? 1 : 0;
        arguments[position++] = 0;
        arguments[position++] = commit.Removed.Count;
        foreach (var name in commit.Removed)
        {
            arguments[position++] = FieldOf(name);
        }

        arguments[position++] = commit.Owner is null ? RefreshedField : OwnedRefreshedField;
        arguments[position++] = now;
        arguments[position++] = PersistentField;
        arguments[position++] = commit.IsPersistent ? 1 : 0;
        foreach (var (name, value) in commit.ReplaceAll ? commit.Values : commit.Changed)
        {
            arguments[position++] = FieldOf(name);
            arguments[position++] = value;
        }

        var update = database.ScriptEvaluateAsync(UpdateScript, [key], arguments);
        if (commit.Owner is { } owner)
        {
            var touch = TouchAsync(database, owner.UserId, storeKey, commit.Expiry.Now, milliseconds);
            await Task.WhenAll(update, touch).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Applied(await update.WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    // Writes a new session whole (a first write, or a login before its index entry).
    private async Task CreateAsync(IDatabase database, string storeKey, SessionCommit commit, long milliseconds, CancellationToken cancellationToken)
    {
        var owner = commit.Owner;
        var entries = new HashEntry[commit.Values.Count + (commit.IsPersistent ? 3 : 2) + (owner is null ? 0 : owner.Device is null ? 2 : 3)];
        var next = 0;
        entries[next++] = new HashEntry(CreatedField, commit.CreatedAt.ToUnixTimeMilliseconds());
        entries[next++] = new HashEntry(owner is null ? RefreshedField : OwnedRefreshedField, commit.Expiry.Now.ToUnixTimeMilliseconds());
        if (commit.IsPersistent)
        {
            entries[next++] = new HashEntry(PersistentField, 1);
        }
        if (owner is not null)
        {
            entries[next++] = new HashEntry(UserField, owner.UserId);
            entries[next++] = new HashEntry(SessionIdField, owner.SessionId);
            if (owner.Device is { } device)
            {
                entries[next++] = new HashEntry(DeviceField, device);
            }
        }
        foreach (var (name, value) in commit.Values)
        {
            entries[next++] = new HashEntry(FieldOf(name), value);
        }

        // The whole session is written under a key of its own and then renamed over the session's key: RENAME
        // replaces the old hash atomically and keeps the new one's expiry, so a concurrent load sees either the
        // old session or the new one, never none or a mix. Three commands, one round trip; a script would cost
        // one more, as Redis counts the script call besides the commands it runs.
        var staging = StagingKeyOf(storeKey);
        var replace = database.CreateBatch();
        var stage = replace.HashSetAsync(staging, entries);
        var stageExpiry = replace.KeyExpireAsync(staging, TimeSpan.FromMilliseconds(milliseconds));
        var rename = replace.KeyRenameAsync(staging, RedisKeyOf(storeKey));
        replace.Execute();
        await Task.WhenAll(stage, stageExpiry, rename).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        var timeToLive = expiry.TimeToLive;
        var persistentTimeToLive = expiry.TimeToLiveFor(entryIsPersistent: true);
        if (timeToLive <= TimeSpan.Zero && persistentTimeToLive <= TimeSpan.Zero)
        {
            await DeleteAsync(storeKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);

        // The refresh time is written too, so that the engine sees when the expiry was last extended and refreshes
        // again only after a meaningful part of the idle window. A window for a remembered entry is passed only when
        // the engine does not know which the session is: the script then picks by the stored flag. When the engine
        // knows the owner and the window, the index entry moves in the same round trip; otherwise the script tells
        // whether the session is owned (an anonymous one costs nothing more) and the entry moves in a second one.
        var owner = expiry.PersistentIdleTimeout is null ? expiry.Owner : null;
        var milliseconds = ToMilliseconds(timeToLive);
        RedisValue[] arguments =
        [
            milliseconds,
            expiry.PersistentIdleTimeout is null ? 0 : ToMilliseconds(persistentTimeToLive),
            0,
            owner is null ? 1 : 0,
            0,
            owner is null ? RefreshedField : OwnedRefreshedField,
            expiry.Now.ToUnixTimeMilliseconds(),
        ];
        var update = database.ScriptEvaluateAsync(UpdateScript, [RedisKeyOf(storeKey)], arguments);
        if (owner is not null)
        {
            await Task.WhenAll(update, TouchAsync(database, owner.UserId, storeKey, expiry.Now, milliseconds)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await update.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.Resp2Type == ResultType.Array && (RedisValue[]?)result is [var applied, var user] && !user.IsNull && applied.TryParse(out long appliedMilliseconds))
        {
            await TouchAsync(database, (string)user!, storeKey, expiry.Now, appliedMilliseconds).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string storeKey, CancellationToken cancellationToken)
    {
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);

        // The owner is read in the same round trip: the fields are written once, when the session is created under
        // this key, so reading them just before the delete is as good as reading them atomically with it.
        var key = RedisKeyOf(storeKey);
        var batch = database.CreateBatch();
        var user = batch.HashGetAsync(key, UserField);
        var delete = batch.KeyDeleteAsync(key);
        batch.Execute();
        await Task.WhenAll(user, delete).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!user.Result.IsNull)
        {
            await RemoveFromIndexAsync(database, (string)user.Result!, [storeKey], cancellationToken).ConfigureAwait(false);
        }
    }

    // KEYS[1]: the session's hash. ARGV[1]: time to live in milliseconds; ARGV[2]: the time to live instead for a
    // remembered entry (the stored flag decides), or 0 when ARGV[1] applies whatever the entry is; ARGV[3]: 1 to replace
    // every value (a cleared session); ARGV[4]: 1 for a refresh that does not know whether the session is logged in;
    // ARGV[5]: how many removed fields follow; then those fields; then field/value pairs to set (the refresh time
    // first). PEXPIRE answers 0 for a missing key, so it is the existence check too: a session deleted, regenerated away
    // or expired meanwhile gets no fragment, and the script costs Redis one command more (EVALSHA) than the pipelined
    // writes it replaces, in the same single round trip. HSET goes in chunks that stay within Lua's stack.
    // A logged-in session keeps its refresh time under '\255R': for a refresh that does not know the owner, HSET of
    // '\255r' answers 0 for an anonymous session (done, nothing read) and 1 for a logged-in one, which the script then
    // puts right and answers with the time to live it applied and the user id, for the caller to move the index entry.
    private const string UpdateScript = """
        local ttl = ARGV[1]
        if ARGV[2] ~= '0' and redis.call('HGET', KEYS[1], '\255p') == '1' then ttl = ARGV[2] end
        if redis.call('PEXPIRE', KEYS[1], ttl) == 0 then return 0 end
        local removed = tonumber(ARGV[5])
        local first = 6 + removed
        if ARGV[4] == '1' then
          if redis.call('HSET', KEYS[1], ARGV[first], ARGV[first + 1]) == 0 then return 1 end
          redis.call('HDEL', KEYS[1], ARGV[first])
          redis.call('HSET', KEYS[1], '\255R', ARGV[first + 1])
          return {ttl, redis.call('HGET', KEYS[1], '\255u')}
        end
        if ARGV[3] == '1' then
          local names = {'\255c', '\255u', '\255i', '\255d'}
          local kept = redis.call('HMGET', KEYS[1], unpack(names))
          local again = {}
          for j = 1, 4 do
            if kept[j] then again[#again + 1] = names[j]; again[#again + 1] = kept[j] end
          end
          redis.call('DEL', KEYS[1])
          if #again > 0 then redis.call('HSET', KEYS[1], unpack(again)) end
        end
        for i = 6, first - 1, 4000 do
          redis.call('HDEL', KEYS[1], unpack(ARGV, i, math.min(i + 3999, first - 1)))
        end
        for i = first, #ARGV, 4000 do
          redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 3999, #ARGV)))
        end
        if ARGV[3] == '1' then redis.call('PEXPIRE', KEYS[1], ttl) end
        return 1
        """;

    // StackExchange.Redis sends a script by its hash (EVALSHA) once the server knows it, loading it first otherwise.
    private static bool Applied(RedisResult result) => result.Resp2Type == ResultType.Array || (long)result == 1;

    private SessionEntry? ReadEntry(HashEntry[] entries)
    {
        long? created = null;
        long? refreshed = null;
        var persistent = false;
        string? user = null;
        string? sessionId = null;
        string? device = null;
        var values = new Dictionary<string, byte[]>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = (byte[])entry.Name!;
            if (name.Length > 0 && name[0] == MetadataMarker)
            {
                if (name.AsSpan().SequenceEqual(CreatedField))
                {
                    created = ReadTime(entry.Value, "creation");
                }
                else if (name.AsSpan().SequenceEqual(RefreshedField) || name.AsSpan().SequenceEqual(OwnedRefreshedField))
                {
                    refreshed = Math.Max(refreshed ?? 0, ReadTime(entry.Value, "refresh"));
                }
                else if (name.AsSpan().SequenceEqual(UserField))
                {
                    user = entry.Value;
                }
                else if (name.AsSpan().SequenceEqual(SessionIdField))
                {
                    sessionId = entry.Value;
                }
                else if (name.AsSpan().SequenceEqual(DeviceField))
                {
                    device = entry.Value;
                }
                else if (name.AsSpan().SequenceEqual(PersistentField))
                {
                    persistent = ReadFlag(entry.Value);
                }

                // Other metadata fields belong to a newer version of the store: ignored, not an error.
                continue;
            }

            string key;
            try
            {
                key = StrictUtf8.GetString(name);
            }
            catch (DecoderFallbackException exception)
            {
                throw new CorruptSessionEntryException("A field of the session's Redis hash is not a UTF-8 session key.", exception);
            }

            values[key] = (byte[]?)entry.Value ?? [];
        }

        if (created is not { } createdAt)
        {
            Log.FragmentIgnored(_logger);
            return null;
        }

        return new SessionEntry(
            values,
            DateTimeOffset.FromUnixTimeMilliseconds(createdAt),
            DateTimeOffset.FromUnixTimeMilliseconds(refreshed ?? createdAt))
        {
            IsPersistent = persistent,
            Owner = user is not null && sessionId is not null ? new SessionOwner(user, sessionId) { Device = device } : null,
        };
    }

    private static bool ReadFlag(RedisValue value) =>
        value.TryParse(out long flag) && flag is 0 or 1
            ? flag == 1
            : throw new CorruptSessionEntryException("The remember-me flag of the session's Redis hash is neither 0 nor 1.");

    private static long ReadTime(RedisValue value, string what)
    {
        if (value.TryParse(out long milliseconds) && milliseconds >= 0)
        {
            return milliseconds;
        }

        throw new CorruptSessionEntryException($"The {what} time of the session's Redis hash is not a number of milliseconds.");
    }

    private static byte[] FieldOf(string sessionKey)
    {
        try
        {
            return StrictUtf8.GetBytes(sessionKey);
        }
        catch (EncoderFallbackException exception)
        {
            throw new ArgumentException($"The session key '{sessionKey}' is not valid UTF-16 text and cannot be stored.", nameof(sessionKey), exception);
        }
    }

    private static long ToMilliseconds(TimeSpan timeToLive) => Math.Max(1, (long)Math.Ceiling(timeToLive.TotalMilliseconds));

    // The braces make the store key the hash tag, so that the staging key of a replacement lives in the same Redis
    // Cluster slot as the session's key and RENAME works there too.
    private RedisKey RedisKeyOf(string storeKey) => $"{_options.KeyPrefix}{{{storeKey}}}";

    private RedisKey StagingKeyOf(string storeKey) => $"{_options.KeyPrefix}{{{storeKey}}}:replacing:{Guid.NewGuid():N}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Debug,
            Message = "A Redis session hash without creation time was ignored: a write arrived after its session was deleted or expired.")]
        public static partial void FragmentIgnored(ILogger logger);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
            Message = "The Redis session store lost its connection to {EndPoint} ({FailureType}); sessions are unavailable until it reconnects.")]
        public static partial void ConnectionFailed(ILogger logger, string? endPoint, ConnectionFailureType failureType);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
            Message = "The Redis session store reconnected to {EndPoint}.")]
        public static partial void ConnectionRestored(ILogger logger, string? endPoint);
    }
}
