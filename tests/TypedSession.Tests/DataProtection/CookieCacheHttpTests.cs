using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.DataProtection;

/// <summary>
/// The cookie cache under the stock session middleware, over HTTP: sessions keep working, a tampered cookie still opens
/// a fresh empty session, and a cookie already seen is not unprotected again (counted under the cache, in the
/// application's own data protection provider).
/// </summary>
public sealed class CookieCacheHttpTests
{
    private readonly CountingDataProtectionProvider _protection = new(new EphemeralDataProtectionProvider());

    private Task<EngineHost> StartAsync() =>
        EngineHost.CreateBuilder()
            .ConfigureSessions(s =>
            {
                s.AddSingleton<IDataProtectionProvider>(_protection);
                s.AddSession();
                s.AddTypedSessionEngine();
            })
            .MapEndpoints(SecretRoutes.Map)
            .StartAsync();

    private int Unprotects => _protection.SessionCookieProtector.Unprotects;

    [Fact]
    public async Task A_cookie_this_instance_issued_keeps_its_session_and_is_never_unprotected_again()
    {
        await using var host = await StartAsync();
        var client = host.CreateClient();

        await client.GetStringAsync("/write");
        var cookie = client.Cookie;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("True|1|victim-data", await client.GetStringAsync("/read"));
        }

        Assert.Equal(cookie, client.Cookie);
        Assert.Equal(1, _protection.SessionCookieProtector.Protects);
        Assert.Equal(0, Unprotects);
    }

    [Fact]
    public async Task A_cookie_is_unprotected_once_after_the_cache_forgot_it_and_then_is_a_hit_again()
    {
        await using var host = await StartAsync();
        var client = host.CreateClient();
        await client.GetStringAsync("/write");

        // Past the cache's duration (5 minutes), within the session's idle timeout (20 minutes).
        host.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("True|1|victim-data", await client.GetStringAsync("/read"));
        Assert.Equal(1, Unprotects);
        Assert.Equal("True|1|victim-data", await client.GetStringAsync("/read"));
        Assert.Equal("True|1|victim-data", await client.GetStringAsync("/read"));
        Assert.Equal(1, Unprotects);
    }

    [Fact]
    public async Task A_tampered_cookie_gets_a_fresh_empty_session_every_time_and_is_never_remembered()
    {
        await using var host = await StartAsync();
        var victim = host.CreateClient();
        await victim.GetStringAsync("/write");
        var bytes = Convert.FromBase64String(Pad(Uri.UnescapeDataString(victim.Cookie!)));
        bytes[bytes.Length / 2] ^= 0x01;
        var tampered = Uri.EscapeDataString(Convert.ToBase64String(bytes).TrimEnd('='));

        var attacker = host.CreateClient();
        for (var i = 1; i <= 3; i++)
        {
            attacker.Cookie = tampered;
            using var response = await attacker.SendAsync("/read");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("True|0|(none)", await response.Content.ReadAsStringAsync());
            Assert.Equal(i, Unprotects);
        }

        Assert.Equal("True|1|victim-data", await victim.GetStringAsync("/read"));
        Assert.Equal(3, Unprotects);
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
}
