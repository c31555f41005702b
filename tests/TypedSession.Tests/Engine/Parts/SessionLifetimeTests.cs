using TypedSession.Stores;

namespace TypedSession.Tests.Engine.Parts;

/// <summary><see cref="SessionLifetime"/>'s expiry rules alone, on explicit times.</summary>
public sealed class SessionLifetimeTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(30);

    private static SessionEntry Entry(DateTimeOffset refreshedAt) => new(new Dictionary<string, byte[]>(), Created, refreshedAt);

    [Fact]
    public void An_entry_dies_when_its_idle_timeout_has_passed_since_its_last_refresh()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, absoluteLifetime: null, refreshThreshold: 0.25);
        var refreshed = Created.AddMinutes(30);

        Assert.Null(lifetime.ExpiredBecause(Entry(refreshed), refreshed + Idle - TimeSpan.FromTicks(1)));
        Assert.Equal("idle timeout", lifetime.ExpiredBecause(Entry(refreshed), refreshed + Idle));
    }

    [Fact]
    public void An_entry_dies_at_its_absolute_lifetime_however_recently_it_was_refreshed()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, TimeSpan.FromHours(8), refreshThreshold: 0.25);
        var now = Created.AddHours(8);

        Assert.Equal("absolute lifetime", lifetime.ExpiredBecause(Entry(now.AddMinutes(-1)), now));
        Assert.Null(lifetime.ExpiredBecause(Entry(now.AddMinutes(-1)), now.AddTicks(-1)));
    }

    [Fact]
    public void A_refresh_is_due_once_the_threshold_of_the_idle_timeout_has_passed()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, absoluteLifetime: null, refreshThreshold: 0.25);
        lifetime.StartNew(Created, staleEntry: false);

        Assert.False(lifetime.RefreshDue(Created.AddMinutes(5).AddTicks(-1)));
        Assert.True(lifetime.RefreshDue(Created.AddMinutes(5)));

        lifetime.Extended(Created.AddMinutes(5));
        Assert.False(lifetime.RefreshDue(Created.AddMinutes(9)));
    }

    [Fact]
    public void The_expiry_given_to_a_store_is_cut_short_by_the_absolute_lifetime()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, TimeSpan.FromHours(1), refreshThreshold: 0.25);
        lifetime.StartNew(Created, staleEntry: false);

        Assert.Equal(Idle, lifetime.ExpiryAt(Created.AddMinutes(10)).TimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(5), lifetime.ExpiryAt(Created.AddMinutes(55)).TimeToLive);
    }

    [Fact]
    public void ExpiresAt_is_the_earlier_of_the_idle_expiry_and_the_end_of_the_absolute_lifetime()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, TimeSpan.FromHours(1), refreshThreshold: 0.25);
        lifetime.StartNew(Created, staleEntry: false);

        lifetime.Extended(Created.AddMinutes(10));
        Assert.Equal((Created.AddMinutes(10), Created.AddMinutes(30)), (lifetime.RefreshedAt, lifetime.ExpiresAt));

        lifetime.Extended(Created.AddMinutes(50));
        Assert.Equal(Created.AddHours(1), lifetime.ExpiresAt);
    }

    [Fact]
    public void A_remembered_session_has_the_persistent_window_and_a_cookie_max_age_within_the_absolute_lifetime()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, TimeSpan.FromDays(40), refreshThreshold: 0.25);
        lifetime.StartNew(Created, staleEntry: false);
        Assert.Null(lifetime.PersistentCookieMaxAge(Created));
        Assert.False(lifetime.PersistenceChanged);

        Assert.True(lifetime.Remember(true));
        Assert.False(lifetime.Remember(true));

        Assert.True(lifetime.PersistenceChanged);
        Assert.Equal(Remembered, lifetime.IdleTimeout);
        Assert.Equal(Created + Remembered, lifetime.ExpiresAt);
        Assert.Equal(Remembered, lifetime.ExpiryAt(Created).TimeToLive);
        Assert.Equal(Remembered, lifetime.PersistentCookieMaxAge(Created));
        // Ten days before the absolute end, the cookie lives ten days, not thirty.
        Assert.Equal(TimeSpan.FromDays(10), lifetime.PersistentCookieMaxAge(Created.AddDays(30)));
        Assert.Equal(TimeSpan.FromDays(10), lifetime.ExpiryAt(Created.AddDays(30)).TimeToLive);
        Assert.False(lifetime.RefreshDue(Created.AddDays(7)));
        Assert.True(lifetime.RefreshDue(Created.AddDays(7.5)));
    }

    [Fact]
    public void An_entry_dies_after_its_own_idle_window_remembered_or_not()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, absoluteLifetime: null, refreshThreshold: 0.25);
        var refreshed = Created.AddMinutes(30);
        var remembered = Entry(refreshed) with { IsPersistent = true };

        Assert.Equal("idle timeout", lifetime.ExpiredBecause(Entry(refreshed), refreshed + Idle));
        Assert.Null(lifetime.ExpiredBecause(remembered, refreshed + Idle));
        Assert.Equal("idle timeout", lifetime.ExpiredBecause(remembered, refreshed + Remembered));
    }

    [Fact]
    public void A_new_session_is_not_remembered_even_after_a_remembered_one_in_the_same_request()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, absoluteLifetime: null, refreshThreshold: 0.25);
        lifetime.StartNew(Created, staleEntry: false);
        lifetime.Remember(true);

        lifetime.StartNew(Created.AddMinutes(1), staleEntry: false);

        Assert.False(lifetime.IsPersistent);
        Assert.False(lifetime.PersistenceChanged);
        Assert.Equal(Idle, lifetime.IdleTimeout);
    }

    [Fact]
    public void A_session_started_over_a_dead_entry_remembers_it_until_a_write_replaces_it()
    {
        var lifetime = new SessionLifetime(Idle, Remembered, absoluteLifetime: null, refreshThreshold: 0.25);

        var changes = lifetime.StartNew(Created, staleEntry: true);

        Assert.True(lifetime.IsNew);
        Assert.True(lifetime.HasStaleEntry);
        Assert.True(changes.ReplacesAll);
        lifetime.Extended(Created.AddMinutes(1));
        Assert.False(lifetime.HasStaleEntry);
    }
}
