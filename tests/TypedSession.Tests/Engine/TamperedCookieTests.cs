using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Engine;

public sealed class TamperedCookieTests
{
    [Fact]
    public async Task Thousands_of_tampered_truncated_and_foreign_cookies_open_fresh_empty_sessions()
    {
        await using var host = await EngineHost.StartAsync(SecretRoutes.Map);
        await using var otherApp = await EngineHost.StartAsync(SecretRoutes.Map, services: s => s.AddDataProtection().SetApplicationName("another-app"));
        var victim = host.CreateClient();
        await victim.GetStringAsync("/write");
        var valid = victim.Cookie!;
        var foreignClient = otherApp.CreateClient();
        await foreignClient.GetStringAsync("/write");

        var random = new Random(20260101);
        var cookies = new List<string>();
        const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
        for (var i = 0; i < 1500; i++)
        {
            var length = random.Next(1, 300);
            cookies.Add(new string([.. Enumerable.Range(0, length).Select(_ => Base64Url[random.Next(Base64Url.Length)])]));
        }
        for (var i = 0; i < 1000; i++)
        {
            var chars = valid.ToCharArray();
            var position = random.Next(chars.Length);
            var replacement = Base64Url[random.Next(64)];
            if (chars[position] == replacement)
            {
                continue;
            }
            chars[position] = replacement;
            var tampered = new string(chars);
            // A change in base64's unused trailing bits, or in the case of a percent-escape's hex digits ("%2B" and
            // "%2b" are both '+'; the cookie value is URL-encoded on the wire), decodes to the very same bytes: that
            // is the same cookie, not a tampered one.
            if (!SameBytes(tampered, valid))
            {
                cookies.Add(tampered);
            }
        }
        for (var length = 1; length < valid.Length; length++)
        {
            cookies.Add(valid[..length]);
        }
        cookies.Add(foreignClient.Cookie!);
        // Protected by this application's own key ring, but for another purpose, or carrying no GUID.
        var provider = host.Services.GetRequiredService<IDataProtectionProvider>();
        cookies.Add(Convert.ToBase64String(provider.CreateProtector("SomethingElse").Protect(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()))).TrimEnd('='));
        cookies.Add(Convert.ToBase64String(provider.CreateProtector("SessionMiddleware").Protect(Encoding.UTF8.GetBytes(new string('x', 36)))).TrimEnd('='));
        cookies.Add(Convert.ToBase64String(RandomNumberGenerator.GetBytes(120)));

        var attacker = host.CreateClient();
        foreach (var cookie in cookies)
        {
            attacker.Cookie = cookie;
            using var response = await attacker.SendAsync("/read");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("True|0|(none)", await response.Content.ReadAsStringAsync());
        }

        Assert.True(cookies.Count > 2400);
        Assert.Equal("True|1|victim-data", await victim.GetStringAsync("/read"));
    }

    private static bool SameBytes(string cookie, string original)
    {
        static byte[]? Decode(string wireText)
        {
            var text = Uri.UnescapeDataString(wireText);
            var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
            var buffer = new byte[padded.Length];
            return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
        }
        return Decode(cookie) is { } bytes && bytes.AsSpan().SequenceEqual(Decode(original));
    }

    [Fact]
    public async Task A_protected_cookie_that_carries_no_GUID_is_never_looked_up()
    {
        await using var host = await EngineHost.StartAsync(SecretRoutes.Map);
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware");
        var client = host.CreateClient();
        client.Cookie = Convert.ToBase64String(protector.Protect(Encoding.UTF8.GetBytes(new string('x', 36)))).TrimEnd('=');

        Assert.Equal("True|0|(none)", await client.GetStringAsync("/read"));

        Assert.Equal(0, host.Calls.Loads);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 106);
    }
}
