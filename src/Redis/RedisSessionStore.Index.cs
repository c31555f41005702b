using System.Globalization;
using StackExchange.Redis;

namespace TypedSession.Stores.Redis;

// The per-user index (ISessionIndexStore). Each user has three keys in one Redis Cluster slot, the user id being their
// hash tag: "<prefix>u:{<user id>}:e", a sorted set of the user's sessions (members: store keys) scored by expiry;
// ":a", the same members scored by last access; and ":s", a hash from store key to what the index lists (creation time,
// remembered or not, session id, device). Every script below touches only these three keys; a step that also touches a
// session's hash (its own slot) is ordered so that a crash between the two leaves nothing a retry or the expiry does
// not put right. The three keys expire a grace period after the latest expiry they hold.
internal sealed partial class RedisSessionStore
{
    // How long a user's index keys outlive the latest expiry they hold: the window in which the expiry sweep
    // (TakeExpiredAsync) can still report an expiry. An index nobody sweeps disappears after it.
    internal static readonly TimeSpan IndexGracePeriod = TimeSpan.FromDays(1);

    // Sets the three keys' expiry to the latest expiry they hold plus the grace period (ARGV[n]).
    private const string ExpireIndexLua = """
        local function expire_index(grace)
          local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
          if latest[2] then
            local at = tonumber(latest[2]) + tonumber(grace)
            for i = 1, 3 do redis.call('PEXPIREAT', KEYS[i], string.format('%.0f', at)) end
          end
        end
        """;

    // KEYS: the user's three index keys. ARGV[1]: now (Unix ms); ARGV[2]: the new store key; ARGV[3]: its expiry;
    // ARGV[4]: its listing; ARGV[5]: the cap, 0 for none; ARGV[6]: 'r' to refuse beyond the cap, 'e' to evict;
    // ARGV[7]: the store key it replaces, or ''; ARGV[8]: the grace period in ms. Counts only live entries (expiry
    // after now): an expired one stays for the sweep but no longer counts. Answers {0} when refused, else {1} followed
    // by store key, listing, last access, expiry of each evicted session, least recently used first.
    private const string LogInScript = ExpireIndexLua + "\n" + """
        local now = tonumber(ARGV[1])
        local key = ARGV[2]
        if ARGV[7] ~= '' then
          redis.call('ZREM', KEYS[1], ARGV[7])
          redis.call('ZREM', KEYS[2], ARGV[7])
          redis.call('HDEL', KEYS[3], ARGV[7])
        end
        local result = {1}
        local cap = tonumber(ARGV[5])
        if cap > 0 then
          local live = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf')
          if redis.call('ZSCORE', KEYS[1], key) then live = live - 1 end
          if live >= cap then
            if ARGV[6] == 'r' then return {0} end
            local excess = live - cap + 1
            local byAccess = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
            for j = 1, #byAccess, 2 do
              local member = byAccess[j]
              local expires = redis.call('ZSCORE', KEYS[1], member)
              if member ~= key and expires and tonumber(expires) > now then
                result[#result + 1] = member
                result[#result + 1] = redis.call('HGET', KEYS[3], member) or ''
                result[#result + 1] = byAccess[j + 1]
                result[#result + 1] = expires
                redis.call('ZREM', KEYS[1], member)
                redis.call('ZREM', KEYS[2], member)
                redis.call('HDEL', KEYS[3], member)
                excess = excess - 1
                if excess == 0 then break end
              end
            end
          end
        end
        redis.call('ZADD', KEYS[1], ARGV[3], key)
        redis.call('ZADD', KEYS[2], ARGV[1], key)
        redis.call('HSET', KEYS[3], key, ARGV[4])
        expire_index(ARGV[8])
        return result
        """;

    // KEYS: the user's three index keys. ARGV[1]: now; ARGV[2]: the store key; ARGV[3]: its new expiry; ARGV[4]: the
    // grace period. Moves an entry that is there and not yet expired, and nothing else: never adds one back (XX), never
    // revives one the sweep is due to report.
    private const string TouchScript = ExpireIndexLua + "\n" + """
        local expires = redis.call('ZSCORE', KEYS[1], ARGV[2])
        if not expires or tonumber(expires) <= tonumber(ARGV[1]) then return 0 end
        redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[2])
        redis.call('ZADD', KEYS[2], 'XX', ARGV[1], ARGV[2])
        expire_index(ARGV[4])
        return 1
        """;

    // KEYS: the user's three index keys. ARGV[1]: now. Answers store key, listing, last access, expiry of each live
    // entry, most recently used first.
    private const string ListScript = """
        local now = tonumber(ARGV[1])
        local result = {}
        local byAccess = redis.call('ZREVRANGE', KEYS[2], 0, -1, 'WITHSCORES')
        for j = 1, #byAccess, 2 do
          local member = byAccess[j]
          local expires = redis.call('ZSCORE', KEYS[1], member)
          local listing = redis.call('HGET', KEYS[3], member)
          if expires and listing and tonumber(expires) > now then
            result[#result + 1] = member
            result[#result + 1] = listing
            result[#result + 1] = byAccess[j + 1]
            result[#result + 1] = expires
          end
        end
        return result
        """;

    // KEYS: the user's three index keys. ARGV: store keys. Removes them and answers, for those it removed (and only
    // those, so that of concurrent callers exactly one reports each), store key, listing, last access, expiry.
    private const string RemoveScript = """
        local result = {}
        for j = 1, #ARGV do
          local member = ARGV[j]
          local expires = redis.call('ZSCORE', KEYS[1], member)
          if expires then
            result[#result + 1] = member
            result[#result + 1] = redis.call('HGET', KEYS[3], member) or ''
            result[#result + 1] = redis.call('ZSCORE', KEYS[2], member) or expires
            result[#result + 1] = expires
            redis.call('ZREM', KEYS[1], member)
          end
          redis.call('ZREM', KEYS[2], member)
          redis.call('HDEL', KEYS[3], member)
        end
        return result
        """;

    // KEYS: the user's three index keys. ARGV[1]: now; ARGV[2]: at most this many. Takes the entries whose expiry
    // passed, answering store key, listing, last access, expiry of each: what it removed, so exactly once.
    private const string TakeExpiredScript = """
        local result = {}
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
        for j = 1, #due, 2 do
          local member = due[j]
          result[#result + 1] = member
          result[#result + 1] = redis.call('HGET', KEYS[3], member) or ''
          result[#result + 1] = redis.call('ZSCORE', KEYS[2], member) or due[j + 1]
          result[#result + 1] = due[j + 1]
          redis.call('ZREM', KEYS[1], member)
          redis.call('ZREM', KEYS[2], member)
          redis.call('HDEL', KEYS[3], member)
        end
        return result
        """;

    /// <inheritdoc />
    public async Task<SessionLoginResult> LogInAsync(string storeKey, SessionCommit commit, SessionLimit? limit, string? replacing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var owner = commit.Owner ?? throw new ArgumentException("A login's commit names its owner.", nameof(commit));
        var timeToLive = commit.Expiry.TimeToLive;
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var milliseconds = ToMilliseconds(timeToLive);
        var now = commit.Expiry.Now.ToUnixTimeMilliseconds();

        // The session first, then its index entry: the two live in different slots. A crash in between leaves an
        // unindexed session whose cookie never reached the browser; a refusal deletes the session again.
        await CreateAsync(database, storeKey, commit, milliseconds, cancellationToken).ConfigureAwait(false);
        RedisValue[] arguments =
        [
            now,
            storeKey,
            now + milliseconds,
            Listing(commit.CreatedAt, commit.IsPersistent, owner),
            limit?.MaxSessions ?? 0,
            limit?.Policy == SessionLimitPolicy.RefuseNewLogin ? "r" : "e",
            replacing ?? "",
            (long)IndexGracePeriod.TotalMilliseconds,
        ];
        var result = await database.ScriptEvaluateAsync(LogInScript, IndexKeysOf(owner.UserId), arguments).WaitAsync(cancellationToken).ConfigureAwait(false);
        var answer = (RedisValue[])result!;
        if ((long)answer[0] == 0)
        {
            await database.KeyDeleteAsync(RedisKeyOf(storeKey)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return SessionLoginResult.RefusedAtLimit;
        }

        if (answer.Length == 1)
        {
            return SessionLoginResult.Stored;
        }

        // Evicted sessions are out of the index; deleting their hashes is idempotent, one per slot, all at once.
        var evicted = ReadSessions(owner.UserId, answer.AsSpan(1));
        await Task.WhenAll(evicted.Select(s => database.KeyDeleteAsync(RedisKeyOf(s.StorageKey)))).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new SessionLoginResult(false, evicted);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedSession>> GetSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(ListScript, IndexKeysOf(userId), [now.ToUnixTimeMilliseconds()]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ReadSessions(userId, (RedisValue[])result!);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedSession>> RevokeAsync(string userId, string? sessionId, string? exceptSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var listed = await GetSessionsAsync(userId, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        var targets = listed
            .Where(s => sessionId is not null ? s.Owner.SessionId == sessionId : s.Owner.SessionId != exceptSessionId)
            .Select(s => s.StorageKey)
            .ToList();
        if (targets.Count == 0)
        {
            return [];
        }

        // The sessions first, then their entries: a crash in between leaves entries of deleted sessions, which a retry
        // removes (both steps are idempotent) and which otherwise are reported expired at their expiry. A write racing
        // the revocation finds its session gone and, its entry gone too, cannot bring it back.
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(targets.Select(key => database.KeyDeleteAsync(RedisKeyOf(key)))).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await RemoveFromIndexAsync(database, userId, targets, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedSession>> TakeExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var taken = new List<IndexedSession>();
        var nowMilliseconds = now.ToUnixTimeMilliseconds();
        var pattern = EscapeGlob(_options.KeyPrefix ?? "") + "u:{*}:e";
        var head = $"{_options.KeyPrefix}u:{{".Length;

        // Every primary's index keys (one server unless clustered), a page at a time: the page's due counts in one
        // round trip, then one take per user that has any. The take script answers only what it removed.
        foreach (var server in database.Multiplexer.GetServers().Where(s => !s.IsReplica && s.IsConnected))
        {
            await foreach (var page in PagesAsync(server.KeysAsync(database.Database, pattern, pageSize: 500), 500, cancellationToken).ConfigureAwait(false))
            {
                var counts = page.Select(key => database.SortedSetLengthAsync(key, double.NegativeInfinity, nowMilliseconds)).ToList();
                await Task.WhenAll(counts).WaitAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < page.Count && taken.Count < max; i++)
                {
                    if (counts[i].Result == 0)
                    {
                        continue;
                    }

                    var name = page[i].ToString();
                    var userId = name[head..^3];
                    var result = await database.ScriptEvaluateAsync(TakeExpiredScript, IndexKeysOf(userId), [nowMilliseconds, max - taken.Count])
                        .WaitAsync(cancellationToken).ConfigureAwait(false);
                    taken.AddRange(ReadSessions(userId, (RedisValue[])result!));
                }

                if (taken.Count >= max)
                {
                    break;
                }
            }

            if (taken.Count >= max)
            {
                break;
            }
        }

        // Redis has normally expired these already; a clock that runs ahead of Redis's would otherwise leave a session
        // the index reported expired alive for a moment. Idempotent, one per slot, all at once.
        await Task.WhenAll(taken.Select(s => database.KeyDeleteAsync(RedisKeyOf(s.StorageKey)))).WaitAsync(cancellationToken).ConfigureAwait(false);
        return taken;
    }

    // Moves a logged-in session's index entry after a write or a refresh (see TouchScript).
    private Task<RedisResult> TouchAsync(IDatabase database, string userId, string storeKey, DateTimeOffset now, long timeToLiveMilliseconds)
    {
        var nowMilliseconds = now.ToUnixTimeMilliseconds();
        return database.ScriptEvaluateAsync(
            TouchScript,
            IndexKeysOf(userId),
            [nowMilliseconds, storeKey, nowMilliseconds + timeToLiveMilliseconds, (long)IndexGracePeriod.TotalMilliseconds]);
    }

    private async Task<IReadOnlyList<IndexedSession>> RemoveFromIndexAsync(IDatabase database, string userId, IReadOnlyList<string> storeKeys, CancellationToken cancellationToken)
    {
        var result = await database.ScriptEvaluateAsync(RemoveScript, IndexKeysOf(userId), [.. storeKeys.Select(k => (RedisValue)k)])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return ReadSessions(userId, (RedisValue[])result!);
    }

    private static async IAsyncEnumerable<List<RedisKey>> PagesAsync(
        IAsyncEnumerable<RedisKey> keys, int size, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = new List<RedisKey>(size);
        await foreach (var key in keys.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            page.Add(key);
            if (page.Count == size)
            {
                yield return page;
                page = new List<RedisKey>(size);
            }
        }

        if (page.Count > 0)
        {
            yield return page;
        }
    }

    // What the index keeps of a session besides its scores: "<created ms>:<0|1 remembered>:<session id length>:
    // <0|1 has device>:<session id><device>".
    private static string Listing(DateTimeOffset createdAt, bool persistent, SessionOwner owner) => string.Create(
        CultureInfo.InvariantCulture,
        $"{createdAt.ToUnixTimeMilliseconds()}:{(persistent ? 1 : 0)}:{owner.SessionId.Length}:{(owner.Device is null ? 0 : 1)}:{owner.SessionId}{owner.Device}");

    // Reads flat quadruples of store key, listing, last access, expiry; skips one whose listing is unreadable.
    private static List<IndexedSession> ReadSessions(string userId, ReadOnlySpan<RedisValue> flat)
    {
        var sessions = new List<IndexedSession>(flat.Length / 4);
        for (var i = 0; i + 3 < flat.Length; i += 4)
        {
            var listing = (string?)flat[i + 1] ?? "";
            var parts = listing.Split(':', 5);
            if (parts.Length != 5
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var created)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var idLength)
                || idLength > parts[4].Length
                || !flat[i + 2].TryParse(out double access)
                || !flat[i + 3].TryParse(out double expires))
            {
                continue;
            }

            var owner = new SessionOwner(userId, parts[4][..idLength]) { Device = parts[3] == "1" ? parts[4][idLength..] : null };
            sessions.Add(new IndexedSession(
                (string)flat[i]!,
                owner,
                DateTimeOffset.FromUnixTimeMilliseconds(created),
                DateTimeOffset.FromUnixTimeMilliseconds((long)access),
                DateTimeOffset.FromUnixTimeMilliseconds((long)expires),
                parts[1] == "1"));
        }

        return sessions;
    }

    private RedisKey[] IndexKeysOf(string userId) => [IndexKeyOf(userId, "e"), IndexKeyOf(userId, "a"), IndexKeyOf(userId, "s")];

    // The user id in braces is the hash tag: a user's three keys share one Redis Cluster slot.
    private RedisKey IndexKeyOf(string userId, string part) => $"{_options.KeyPrefix}u:{{{userId}}}:{part}";

    private static string EscapeGlob(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("?", "\\?", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("]", "\\]", StringComparison.Ordinal);
}
