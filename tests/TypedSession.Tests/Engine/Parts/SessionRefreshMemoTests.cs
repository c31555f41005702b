namespace TypedSession.Tests.Engine.Parts;

/// <summary><see cref="SessionRefreshMemo"/> alone: what it remembers, its bound, and many threads at once.</summary>
public sealed class SessionRefreshMemoTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_key_it_does_not_hold_is_always_due()
    {
        var memo = new SessionRefreshMemo();

        var known = memo.Find("never-seen");

        Assert.Equal(default, known);
        Assert.True(SessionRefreshMemo.Entry.Passed(known.RefreshedAtTicks, Window, Now));
        Assert.True(SessionRefreshMemo.Entry.Passed(known.CookieSentAtTicks, Window, Now));
    }

    [Fact]
    public void An_extension_is_due_again_only_once_the_window_has_passed()
    {
        var memo = new SessionRefreshMemo();
        memo.Extended("k", Now, createdAt: Now.AddHours(-1), isPersistent: null);

        var known = memo.Find("k");

        Assert.False(SessionRefreshMemo.Entry.Passed(known.RefreshedAtTicks, Window, Now + Window - TimeSpan.FromTicks(1)));
        Assert.True(SessionRefreshMemo.Entry.Passed(known.RefreshedAtTicks, Window, Now + Window));
        Assert.Equal(Now.AddHours(-1), known.CreatedAt);
        // The cookie is tracked on its own: an extension says nothing about when the cookie was sent.
        Assert.Equal(0, known.CookieSentAtTicks);
    }

    [Fact]
    public void An_older_time_never_replaces_a_newer_one_and_an_unknown_creation_time_keeps_the_known_one()
    {
        var memo = new SessionRefreshMemo();
        memo.Extended("k", Now, createdAt: Now.AddHours(-1), isPersistent: null);
        memo.CookieSent("k", Now);

        memo.Extended("k", Now.AddMinutes(-3), createdAt: null, isPersistent: null);
        memo.CookieSent("k", Now.AddMinutes(-3));

        Assert.Equal(new SessionRefreshMemo.Entry(Now.UtcTicks, Now.UtcTicks, Now.AddHours(-1).UtcTicks), memo.Find("k"));
    }

    [Fact]
    public void Whether_a_session_is_remembered_is_kept_until_a_later_record_knows_otherwise()
    {
        var memo = new SessionRefreshMemo();
        Assert.Null(memo.Find("k").IsPersistent);

        memo.Extended("k", Now, createdAt: null, isPersistent: true);
        memo.Extended("k", Now.AddMinutes(1), createdAt: null, isPersistent: null);
        Assert.True(memo.Find("k").IsPersistent);

        // The same time, but news about persistence: recorded.
        memo.Extended("k", Now.AddMinutes(1), createdAt: null, isPersistent: false);
        Assert.False(memo.Find("k").IsPersistent);
    }

    [Fact]
    public void The_bound_holds_under_many_keys_and_recent_keys_survive()
    {
        var memo = new SessionRefreshMemo(capacity: 100);

        for (var i = 0; i < 10_000; i++)
        {
            memo.Extended($"key-{i}", Now.AddTicks(i + 1), createdAt: null, isPersistent: null);
            Assert.InRange(memo.Count, 1, 100);
        }

        // The last half-capacity keys recorded are always kept; the oldest are long gone.
        for (var i = 10_000 - 50; i < 10_000; i++)
        {
            Assert.Equal(Now.AddTicks(i + 1).UtcTicks, memo.Find($"key-{i}").RefreshedAtTicks);
        }
        Assert.Equal(default, memo.Find("key-0"));
    }

    [Fact]
    public void A_key_recorded_again_moves_to_the_current_generation_and_keeps_what_was_known()
    {
        var memo = new SessionRefreshMemo(capacity: 4);
        memo.Extended("old", Now, createdAt: Now.AddHours(-1), isPersistent: null);
        memo.Extended("a", Now, createdAt: null, isPersistent: null);
        memo.Extended("b", Now, createdAt: null, isPersistent: null); // "old" and "a" are now the previous generation

        memo.CookieSent("old", Now.AddMinutes(1));
        memo.Extended("c", Now, createdAt: null, isPersistent: null);
        memo.Extended("d", Now, createdAt: null, isPersistent: null); // "a" is dropped with its generation; "old" moved on

        Assert.Equal(new SessionRefreshMemo.Entry(Now.UtcTicks, Now.AddMinutes(1).UtcTicks, Now.AddHours(-1).UtcTicks), memo.Find("old"));
        Assert.Equal(default, memo.Find("a"));
    }

    [Fact]
    public async Task Many_threads_recording_and_reading_keep_the_bound_and_lose_no_recent_time()
    {
        var memo = new SessionRefreshMemo(capacity: 256);
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < 20_000; i++)
            {
                var key = $"key-{(worker * 7919 + i) % 1_000}";
                memo.Extended(key, Now.AddTicks(i + 1), createdAt: null, isPersistent: null);
                memo.CookieSent(key, Now.AddTicks(i + 1));
                _ = memo.Find(key);
                Assert.InRange(memo.Count, 0, 256);
            }
        })).ToArray();

        start.Set();
        await Task.WhenAll(workers);

        Assert.InRange(memo.Count, 1, 256);
        // A key recorded last by one thread holds a time at least that late: records are never lost to a race.
        memo.Extended("final", Now.AddDays(1), createdAt: null, isPersistent: null);
        Assert.Equal(Now.AddDays(1).UtcTicks, memo.Find("final").RefreshedAtTicks);
    }
}
