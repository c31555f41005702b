using TypedSession.Stores;

namespace TypedSession.Tests.Stores;

/// <summary>
/// What the stores with a per-user index (memory, SQLite, Redis single node and cluster) promise beyond
/// <see cref="NativeSessionStoreContractTests"/>: a login creates and indexes a session in one step, the index follows
/// the session's writes, refreshes, deletion and expiry, the cap holds under simultaneous logins, a revocation is final,
/// and every expiry is taken exactly once.
/// </summary>
public abstract class SessionIndexStoreContractTests : NativeSessionStoreContractTests
{
    private ISessionIndexStore Index => (ISessionIndexStore)Store;

    /// <summary>Lets <paramref name="time"/> pass for the store: real time by default; a store on a fake clock advances it.</summary>
    protected virtual Task PassAsync(TimeSpan time) => Task.Delay(time);

    /// <summary>A short idle window for expiry tests: long enough for the test's own calls, short enough to wait for.</summary>
    protected virtual TimeSpan ShortWindow => TimeSpan.FromMilliseconds(600);

    protected static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    private static SessionOwner Owner(string user, string? device = null) => new(user, Guid.NewGuid().ToString("D")) { Device = device };

    // A login: the new session's first write, with its owner, under a fresh key.
    protected async Task<(string Key, SessionOwner Owner, SessionLoginResult Result)> LogInAsync(
        string user, SessionLimit? limit = null, TimeSpan? idle = null, string? device = null, bool persistent = false, string? replacing = null)
    {
        var key = NewKey();
        var owner = Owner(user, device);
        var values = Values(("user", user));
        var commit = new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry(idle)) { CreatesEntry = true, Owner = owner, IsPersistent = persistent };
        var result = await Index.LogInAsync(key, commit, limit, replacing, CancellationToken.None);
        return (key, owner, result);
    }

    private Task<IReadOnlyList<IndexedSession>> ListAsync(string user) => Index.GetSessionsAsync(user, Now, CancellationToken.None);

    private Task<bool> ChangeOwnedAsync(string key, SessionOwner owner, TimeSpan? idle = null)
    {
        var changed = Values(("cart", "1 item"));
        return Store.CommitAsync(key, new SessionCommit(changed, changed, [], ReplaceAll: false, Created, Expiry(idle)) { Owner = owner }, CancellationToken.None);
    }

    [Fact]
    public async Task A_login_creates_the_session_with_its_owner_and_lists_it()
    {
        var user = NewUser();
        var (key, owner, result) = await LogInAsync(user, device: "Firefox on Linux", persistent: true);

        Assert.Equal(SessionLoginResult.Stored, result);
        var entry = await LoadExistingAsync(key);
        Assert.Equal(owner, entry.Owner);
        Assert.Equal("Firefox on Linux", entry.Owner!.Device);
        Assert.Equal(user, Texts(entry)["user"]);
        var listed = Assert.Single(await ListAsync(user));
        Assert.Equal(key, listed.StorageKey);
        Assert.Equal(owner, listed.Owner);
        Assert.Equal(Created, listed.CreatedAt);
        Assert.True(listed.IsPersistent);
        Assert.Equal(listed.LastAccessedAt + TimeSpan.FromMinutes(20), listed.ExpiresAt);
        Assert.Empty(await ListAsync(NewUser()));
    }

    [Fact]
    public async Task Sessions_are_listed_most_recently_used_first_and_writes_and_refreshes_move_them()
    {
        var user = NewUser();
        var first = await LogInAsync(user);
        await PassAsync(TimeSpan.FromMilliseconds(20));
        var second = await LogInAsync(user);
        Assert.Equal([second.Key, first.Key], (await ListAsync(user)).Select(s => s.StorageKey));

        await PassAsync(TimeSpan.FromMilliseconds(20));
        Assert.True(await ChangeOwnedAsync(first.Key, first.Owner));
        var listed = await ListAsync(user);
        Assert.Equal([first.Key, second.Key], listed.Select(s => s.StorageKey));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), listed[0].LastAccessedAt.ToUnixTimeMilliseconds(), tolerance: 1000);

        // A refresh that does not say whose session it is still moves the index entry.
        await PassAsync(TimeSpan.FromMilliseconds(20));
        await Store.RefreshAsync(second.Key, Expiry(), CancellationToken.None);
        Assert.Equal([second.Key, first.Key], (await ListAsync(user)).Select(s => s.StorageKey));
    }

    [Fact]
    public async Task Deleting_a_logged_in_session_removes_it_from_the_index()
    {
        var user = NewUser();
        var (key, _, _) = await LogInAsync(user);
        var other = await LogInAsync(user);

        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.Equal([other.Key], (await ListAsync(user)).Select(s => s.StorageKey));
        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Revoking_one_session_ends_it_and_a_racing_write_cannot_bring_it_back()
    {
        var user = NewUser();
        var (key, owner, _) = await LogInAsync(user);
        var other = await LogInAsync(user);

        var revoked = await Index.RevokeAsync(user, owner.SessionId, exceptSessionId: null, CancellationToken.None);

        Assert.Equal(key, Assert.Single(revoked).StorageKey);
        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
        Assert.False(await ChangeOwnedAsync(key, owner));
        await Store.RefreshAsync(key, Expiry() with { Owner = owner }, CancellationToken.None);
        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
        Assert.Equal([other.Key], (await ListAsync(user)).Select(s => s.StorageKey));
        Assert.Empty(await Index.RevokeAsync(user, owner.SessionId, exceptSessionId: null, CancellationToken.None));
        // Another user's id revokes nothing.
        Assert.Empty(await Index.RevokeAsync(NewUser(), other.Owner.SessionId, exceptSessionId: null, CancellationToken.None));
        Assert.NotNull(await Store.LoadAsync(other.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Revoking_all_but_the_current_session_leaves_only_that_one()
    {
        var user = NewUser();
        var sessions = new List<(string Key, SessionOwner Owner, SessionLoginResult Result)>();
        for (var i = 0; i < 4; i++)
        {
            sessions.Add(await LogInAsync(user));
        }
        var current = sessions[2];

        var revoked = await Index.RevokeAsync(user, sessionId: null, exceptSessionId: current.Owner.SessionId, CancellationToken.None);

        Assert.Equal(3, revoked.Count);
        Assert.Equal([current.Key], (await ListAsync(user)).Select(s => s.StorageKey));
        foreach (var (key, _, _) in sessions.Where(s => s != current))
        {
            Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
        }
        Assert.NotNull(await Store.LoadAsync(current.Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_login_beyond_the_cap_evicts_the_least_recently_used_session()
    {
        var user = NewUser();
        var limit = new SessionLimit(2, SessionLimitPolicy.EvictLeastRecentlyUsed);
        var first = await LogInAsync(user, limit);
        await PassAsync(TimeSpan.FromMilliseconds(20));
        var second = await LogInAsync(user, limit);
        await PassAsync(TimeSpan.FromMilliseconds(20));
        Assert.True(await ChangeOwnedAsync(first.Key, first.Owner)); // now the second is the least recently used

        var third = await LogInAsync(user, limit);

        Assert.False(third.Result.Refused);
        Assert.Equal(second.Key, Assert.Single(third.Result.Evicted).StorageKey);
        Assert.Null(await Store.LoadAsync(second.Key, CancellationToken.None));
        Assert.Equal([third.Key, first.Key], (await ListAsync(user)).Select(s => s.StorageKey));
    }

    [Fact]
    public async Task A_login_beyond_the_cap_is_refused_and_writes_nothing_when_the_policy_says_so()
    {
        var user = NewUser();
        var limit = new SessionLimit(1, SessionLimitPolicy.RefuseNewLogin);
        var first = await LogInAsync(user, limit);

        var second = await LogInAsync(user, limit);

        Assert.True(second.Result.Refused);
        Assert.Null(await Store.LoadAsync(second.Key, CancellationToken.None));
        Assert.Equal([first.Key], (await ListAsync(user)).Select(s => s.StorageKey));
    }

    [Theory]
    [InlineData(SessionLimitPolicy.EvictLeastRecentlyUsed)]
    [InlineData(SessionLimitPolicy.RefuseNewLogin)]
    public async Task Simultaneous_logins_of_one_user_with_a_cap_of_one_leave_exactly_one_live_session(SessionLimitPolicy policy)
    {
        var user = NewUser();
        var limit = new SessionLimit(1, policy);

        var logins = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => LogInAsync(user, limit))));

        var live = new List<string>();
        foreach (var (key, _, _) in logins)
        {
            if (await Store.LoadAsync(key, CancellationToken.None) is not null)
            {
                live.Add(key);
            }
        }
        Assert.Equal(Assert.Single(live), Assert.Single(await ListAsync(user)).StorageKey);
        if (policy == SessionLimitPolicy.RefuseNewLogin)
        {
            Assert.Equal(19, logins.Count(l => l.Result.Refused));
        }
        else
        {
            Assert.Equal(19, logins.Sum(l => l.Result.Evicted.Count));
        }
    }

    [Fact]
    public async Task A_regenerated_login_replaces_its_index_entry_without_counting_against_the_cap()
    {
        var user = NewUser();
        var limit = new SessionLimit(1, SessionLimitPolicy.RefuseNewLogin);
        var first = await LogInAsync(user, limit);

        var next = await LogInAsync(user, limit, replacing: first.Key);
        await Store.DeleteAsync(first.Key, CancellationToken.None);

        Assert.Equal(SessionLoginResult.Stored, next.Result);
        Assert.Equal([next.Key], (await ListAsync(user)).Select(s => s.StorageKey));
    }

    [Fact]
    public async Task Each_expired_session_is_taken_exactly_once_and_never_listed()
    {
        var user = NewUser();
        var expiring = await LogInAsync(user, idle: ShortWindow);
        var live = await LogInAsync(user);

        await PassAsync(ShortWindow + TimeSpan.FromMilliseconds(400));

        Assert.Equal([live.Key], (await ListAsync(user)).Select(s => s.StorageKey));
        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Index.TakeExpiredAsync(Now, 1000, CancellationToken.None))));
        var mine = taken.SelectMany(t => t).Where(s => s.Owner.UserId == user).ToList();
        Assert.Equal(expiring.Key, Assert.Single(mine).StorageKey);
        Assert.Equal(expiring.Owner, mine[0].Owner);
        Assert.DoesNotContain((await Index.TakeExpiredAsync(Now, 1000, CancellationToken.None)), s => s.Owner.UserId == user);
        Assert.Null(await Store.LoadAsync(expiring.Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_late_write_after_expiry_does_not_bring_back_the_index_entry()
    {
        var user = NewUser();
        var expiring = await LogInAsync(user, idle: ShortWindow);
        await PassAsync(ShortWindow + TimeSpan.FromMilliseconds(400));

        Assert.False(await ChangeOwnedAsync(expiring.Key, expiring.Owner));
        await Store.RefreshAsync(expiring.Key, Expiry() with { Owner = expiring.Owner }, CancellationToken.None);

        Assert.Empty(await ListAsync(user));
        Assert.Contains(await Index.TakeExpiredAsync(Now, 1000, CancellationToken.None), s => s.StorageKey == expiring.Key);
    }
}
