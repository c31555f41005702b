using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TypedSession.Stores;

namespace TypedSession.Tests.Engine;

/// <summary>
/// Strict session ids, through HTTP with the stock middleware: a key the store does not hold is never used again, a
/// new session gets a fresh key (and its cookie once something is stored), and a write never brings an ended session
/// back.
/// </summary>
public sealed class StrictSessionIdTests
{
    private static ISessionLifecycle Lifecycle(HttpContext context) => (ISessionLifecycle)context.Session;

    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/set/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return c.Session.Id;
        });
        e.MapGet("/get", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/set-then-reload", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "unsaved");
            var reloaded = await Lifecycle(c).ReloadAsync();
            return $"{reloaded}|{c.Session.GetString("user") ?? "(none)"}";
        });
        // Another request (elsewhere) deletes this session's entry between this request's load and its reload.
        e.MapGet("/vanish-then-reload", async (HttpContext c, string storageKey, ITypedSessionStore store) =>
        {
            await c.Session.LoadAsync();
            var before = c.Session.Id;
            await store.DeleteAsync(storageKey, CancellationToken.None);
            var reloaded = await Lifecycle(c).ReloadAsync();
            return $"{reloaded}|{c.Session.GetString("user") ?? "(none)"}|{before != c.Session.Id}";
        });
        e.MapGet("/reload", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return (await Lifecycle(c).ReloadAsync()).ToString();
        });
        // Another request destroys this session while this one runs; this one then writes.
        e.MapGet("/vanish-then-set", async (HttpContext c, string storageKey, ITypedSessionStore store) =>
        {
            await c.Session.LoadAsync();
            await store.DeleteAsync(storageKey, CancellationToken.None);
            c.Session.SetString("cart", "1 item");
            await c.Session.CommitAsync();
            return c.Session.GetString("cart") ?? "(none)";
        });
    }

    [Fact]
    public async Task A_cookie_that_names_no_session_gets_a_fresh_key_and_its_own_cookie_and_the_planted_key_stays_empty()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var planted = SessionIds.NewStoreKey();
        var victim = host.CreateClient();
        victim.Cookie = CookieOf(host, planted);

        var id = await victim.GetStringAsync("/set/victim");

        Assert.NotEqual(CookieOf(host, planted), victim.Cookie);
        Assert.Single(victim.LastSessionCookies);
        Assert.NotEqual(SessionIds.IdOf(planted), id);
        Assert.DoesNotContain(host.Calls.CommitLog, c => c.StoreKey == SessionIds.StorageKeyOf(planted) || c.StoreKey == planted);
        Assert.Equal("victim", await victim.GetStringAsync("/get"));

        // The attacker who planted the cookie still holds it, and it opens nothing.
        var attacker = host.CreateClient();
        attacker.Cookie = CookieOf(host, planted);
        Assert.Equal("(none)", await attacker.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Successive_sessions_behind_one_dead_cookie_never_share_an_id()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var dead = CookieOf(host, SessionIds.NewStoreKey());

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var client = host.CreateClient();
            client.Cookie = dead;
            ids.Add(await client.GetStringAsync($"/set/user{i}"));
            Assert.Equal(ids[^1], await client.GetStringAsync("/set/again"));
        }

        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task Two_requests_racing_with_one_dead_cookie_each_get_a_fresh_key_and_neither_writes_the_dead_key()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var deadKey = SessionIds.NewStoreKey();
        var first = host.CreateClient();
        var second = host.CreateClient();
        first.Cookie = second.Cookie = CookieOf(host, deadKey);

        var ids = await Task.WhenAll(first.GetStringAsync("/set/first"), second.GetStringAsync("/set/second"));

        Assert.NotEqual(ids[0], ids[1]);
        Assert.NotEqual(first.Cookie, second.Cookie);
        Assert.DoesNotContain(host.Calls.CommitLog, c => c.StoreKey == SessionIds.StorageKeyOf(deadKey));
        Assert.Equal("first", await first.GetStringAsync("/get"));
        Assert.Equal("second", await second.GetStringAsync("/get"));
    }

    [Fact]
    public async Task An_expired_session_continues_under_a_fresh_key_and_its_old_entry_is_deleted_not_rewritten()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        var oldId = await client.GetStringAsync("/set/before");
        var oldCookie = client.Cookie!;
        var oldStorageKey = SessionIds.StorageKeyOf(KeyOf(host, oldCookie));
        host.Time.Advance(TimeSpan.FromMinutes(25));
        host.Calls.Reset();

        var newId = await client.GetStringAsync("/set/after");

        Assert.NotEqual(oldId, newId);
        Assert.NotEqual(oldCookie, client.Cookie);
        Assert.DoesNotContain(host.Calls.CommitLog, c => c.StoreKey == oldStorageKey);
        Assert.Null(await host.Calls.Inner.LoadAsync(oldStorageKey, CancellationToken.None));
        Assert.Equal("after", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task A_new_session_that_ends_the_request_with_nothing_stored_sends_no_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var visitor = host.CreateClient();
        var returning = host.CreateClient();
        returning.Cookie = CookieOf(host, SessionIds.NewStoreKey());

        Assert.Equal("True|(none)", await visitor.GetStringAsync("/set-then-reload"));
        // The load already moved this one off its dead key; the reload finds what the fresh key holds: nothing, as expected.
        Assert.Equal("True|(none)", await returning.GetStringAsync("/set-then-reload"));

        Assert.Empty(visitor.LastSessionCookies);
        Assert.Empty(returning.LastSessionCookies);
        Assert.Equal(0, host.Calls.Commits);
    }

    [Fact]
    public async Task Reload_says_whether_the_stored_session_is_still_there()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/ada");
        var storageKey = SessionIds.StorageKeyOf(KeyOf(host, client.Cookie!));

        Assert.Equal("True", await client.GetStringAsync("/reload"));
        // Gone: an empty session under a fresh key and id, not the old id with no values.
        Assert.Equal("False|(none)|True", await client.GetStringAsync($"/vanish-then-reload?storageKey={storageKey}"));
    }

    [Fact]
    public async Task A_write_that_finds_its_session_ended_is_dropped_logged_and_counted_and_does_not_bring_it_back()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var dropped = new MetricCollector<long>(meters, "TypedSession", "typedsession.dropped_writes");
        var client = host.CreateClient();
        await client.GetStringAsync("/set/ada");
        var storageKey = SessionIds.StorageKeyOf(KeyOf(host, client.Cookie!));

        Assert.Equal("(none)", await client.GetStringAsync($"/vanish-then-set?storageKey={storageKey}"));

        Assert.Null(await host.Calls.Inner.LoadAsync(storageKey, CancellationToken.None));
        Assert.Equal(1, Assert.Single(dropped.GetMeasurementSnapshot()).Value);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 114);
        Assert.Equal("(none)", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task The_store_sees_only_hashes_of_the_keys_cookies_carry_and_ids_are_neither()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var clients = Enumerable.Range(0, 3).Select(_ => host.CreateClient()).ToList();
        var ids = new List<string>();
        foreach (var client in clients)
        {
            ids.Add(await client.GetStringAsync("/set/ada"));
            await client.GetStringAsync("/set/bob");
        }

        var keys = clients.Select(c => KeyOf(host, c.Cookie!)).ToList();
        var storeKeys = host.Calls.CommitLog.Select(c => c.StoreKey).Distinct().ToList();
        Assert.Equal(keys.Select(SessionIds.StorageKeyOf).Order(), storeKeys.Order());
        Assert.All(storeKeys, storeKey => Assert.Matches("^[0-9a-f]{64}$", storeKey));
        Assert.All(storeKeys, storeKey => Assert.DoesNotContain(storeKey, keys.Concat(ids)));
        Assert.All(ids, id => Assert.DoesNotContain(id, keys));
    }

    internal static string CookieOf(EngineHost host, string key) =>
        Uri.EscapeDataString(SessionCookie.Protect(host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SessionCookie.ProtectorPurpose), key));

    internal static string KeyOf(EngineHost host, string cookie)
    {
        var base64 = Uri.UnescapeDataString(cookie);
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SessionCookie.ProtectorPurpose);
        return Encoding.UTF8.GetString(protector.Unprotect(Convert.FromBase64String(base64)));
    }
}
