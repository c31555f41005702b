using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSession.Stores;

namespace TypedSession.Tests.Management;

// Login, logout, the directory and the per-user cap over HTTP, through the engine and its default store.
public sealed class SessionManagementTests
{
    [Fact]
    public async Task Login_regenerates_the_id_records_the_user_and_lists_the_session_with_its_device()
    {
        await using var host = await ManagementApp.StartAsync();
        using var client = host.CreateClient();
        await client.GetStringAsync("/write/1 item");
        var anonymousId = await client.GetStringAsync("/id");
        var anonymousCookie = client.Cookie;

        var id = await client.GetStringAsync("/login/ada?remember=true&device=Firefox");

        Assert.NotEqual(anonymousId, id);
        Assert.NotEqual(anonymousCookie, client.Cookie);
        Assert.Equal("ada 3 items", await client.GetStringAsync("/me"));
        Assert.Equal($"{id} Firefox persistent=True", await client.GetStringAsync("/sessions/ada"));
        Assert.Equal("", await client.GetStringAsync("/sessions/bob"));
    }

    [Fact]
    public async Task Logout_ends_the_session_and_removes_it_from_the_directory()
    {
        await using var host = await ManagementApp.StartAsync();
        using var laptop = host.CreateClient();
        using var phone = host.CreateClient();
        await laptop.GetStringAsync("/login/ada?device=laptop");
        var phoneId = await phone.GetStringAsync("/login/ada?device=phone");

        await laptop.GetStringAsync("/logout");

        Assert.Equal("(anonymous) (no cart)", await laptop.GetStringAsync("/me"));
        Assert.Equal($"{phoneId} phone persistent=False", await phone.GetStringAsync("/sessions/ada"));
    }

    [Fact]
    public async Task A_revoked_session_is_anonymous_on_its_next_request_and_a_later_write_does_not_bring_it_back()
    {
        await using var host = await ManagementApp.StartAsync();
        using var laptop = host.CreateClient();
        using var phone = host.CreateClient();
        var laptopId = await laptop.GetStringAsync("/login/ada?device=laptop");
        var phoneId = await phone.GetStringAsync("/login/ada?device=phone");

        Assert.Equal("True", await phone.GetStringAsync($"/revoke/ada/{laptopId}"));

        Assert.Equal("(anonymous) (no cart)", await laptop.GetStringAsync("/me"));
        await laptop.GetStringAsync("/write/after");
        Assert.Equal($"{phoneId} phone persistent=False", await phone.GetStringAsync("/sessions/ada"));
        Assert.Equal("False", await phone.GetStringAsync($"/revoke/ada/{laptopId}"));
        // Another user's session id revokes nothing.
        Assert.Equal("False", await laptop.GetStringAsync($"/revoke/bob/{phoneId}"));
        Assert.Equal("ada 3 items", await phone.GetStringAsync("/me"));
    }

    [Fact]
    public async Task Log_out_other_devices_keeps_only_the_current_session()
    {
        await using var host = await ManagementApp.StartAsync();
        var clients = Enumerable.Range(0, 4).Select(_ => host.CreateClient()).ToList();
        var ids = new List<string>();
        foreach (var client in clients)
        {
            ids.Add(await client.GetStringAsync("/login/ada"));
        }

        Assert.Equal("3", await clients[1].GetStringAsync($"/revoke-others/ada/{ids[1]}"));

        Assert.Equal($"{ids[1]} - persistent=False", await clients[1].GetStringAsync("/sessions/ada"));
        Assert.Equal("ada 3 items", await clients[1].GetStringAsync("/me"));
        Assert.Equal("(anonymous) (no cart)", await clients[0].GetStringAsync("/me"));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_regenerate_keeps_the_login_and_moves_the_directory_entry_to_the_new_id()
    {
        await using var host = await ManagementApp.StartAsync(o => o.MaxSessionsPerUser = 1);
        using var client = host.CreateClient();
        await client.GetStringAsync("/login/ada");

        var id = await client.GetStringAsync("/regenerate");

        Assert.Equal("ada 3 items", await client.GetStringAsync("/me"));
        Assert.Equal($"{id} - persistent=False", await client.GetStringAsync("/sessions/ada"));
    }

    [Theory]
    [InlineData(SessionLimitPolicy.EvictLeastRecentlyUsed)]
    [InlineData(SessionLimitPolicy.RefuseNewLogin)]
    public async Task Simultaneous_logins_with_a_cap_of_one_leave_exactly_one_logged_in_session(SessionLimitPolicy policy)
    {
        await using var host = await ManagementApp.StartAsync(o =>
        {
            o.MaxSessionsPerUser = 1;
            o.SessionLimitPolicy = policy;
        });
        var clients = Enumerable.Range(0, 12).Select(_ => host.CreateClient()).ToList();

        var answers = await Task.WhenAll(clients.Select(c => Task.Run(async () => (await c.SendAsync("/login/ada")).StatusCode)));

        var loggedIn = 0;
        foreach (var client in clients)
        {
            loggedIn += (await client.GetStringAsync("/me")).StartsWith("ada ", StringComparison.Ordinal) ? 1 : 0;
        }
        Assert.Equal(1, loggedIn);
        Assert.Single((await clients[0].GetStringAsync("/sessions/ada")).Split('\n'));
        if (policy == SessionLimitPolicy.RefuseNewLogin)
        {
            Assert.Equal(11, answers.Count(a => a == System.Net.HttpStatusCode.Conflict));
        }
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_refused_login_leaves_the_session_as_it_was()
    {
        await using var host = await ManagementApp.StartAsync(o =>
        {
            o.MaxSessionsPerUser = 1;
            o.SessionLimitPolicy = SessionLimitPolicy.RefuseNewLogin;
        });
        using var first = host.CreateClient();
        using var second = host.CreateClient();
        await first.GetStringAsync("/login/ada");
        await second.GetStringAsync("/write/mine");
        var id = await second.GetStringAsync("/id");

        using var refused = await second.SendAsync("/login/ada?remember=true");

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(id, await second.GetStringAsync("/id"));
        Assert.Equal("(anonymous) 3 items", await second.GetStringAsync("/me"));
    }

    [Fact]
    public async Task Over_a_store_without_an_index_login_and_the_directory_say_so_clearly()
    {
        await using var host = await ManagementApp.StartAsync(services: s => s.AddSingleton<ITypedSessionStore>(
            _ => new DistributedCacheSessionStore(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())))));

        var resolve = Assert.Throws<NotSupportedException>(() => host.Services.GetRequiredService<ISessionDirectory>());
        Assert.Contains("AddTypedSessionRedisStore", resolve.Message);
        using var client = host.CreateClient();
        var login = await Assert.ThrowsAsync<NotSupportedException>(() => client.SendAsync("/login/ada"));
        Assert.Contains("per-user index", login.Message);
    }
}
