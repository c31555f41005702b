using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Engine;

public sealed class SizeBudgetTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/set/{key}/{bytes:int}", async (HttpContext c, string key, int bytes) =>
        {
            await c.Session.LoadAsync();
            try
            {
                c.Session.Set(key, new byte[bytes]);
                return "ok";
            }
            catch (SessionTooLargeException error)
            {
                return $"{error.Key}|{error.ValueBytes}|{error.SessionBytes}|{error.Limit}|{error.Message}";
            }
        });
        e.MapGet("/sizes", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return string.Join(",", c.Session.Keys.Order().Select(k => $"{k}={(c.Session.TryGetValue(k, out var v) ? v.Length : -1)}"));
        });
    }

    [Fact]
    public async Task Write_beyond_the_budget_throws_at_once_naming_the_key_and_sizes_and_keeps_the_session()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.MaxSessionBytes = 100);
        var client = host.CreateClient();
        Assert.Equal("ok", await client.GetStringAsync("/set/a/60"));

        var answer = (await client.GetStringAsync("/set/cart/40")).Split('|');

        // 1 + 60 for "a", 4 + 40 for "cart": 105 bytes.
        Assert.Equal(["cart", "40", "105", "100"], answer[..4]);
        Assert.Contains("'cart'", answer[4]);
        Assert.Contains("105", answer[4]);
        Assert.Contains("100", answer[4]);
        Assert.Equal("a=60", await client.GetStringAsync("/sizes"));
    }

    [Fact]
    public async Task Budget_counts_a_replaced_value_once_and_a_shrinking_write_always_passes()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.MaxSessionBytes = 100);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/a/90");

        Assert.Equal("ok", await client.GetStringAsync("/set/a/99"));
        Assert.Equal("ok", await client.GetStringAsync("/set/a/10"));
        Assert.Equal("a=10", await client.GetStringAsync("/sizes"));
    }

    [Fact]
    public async Task Default_budget_is_64_KiB()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync($"/set/k/{64 * 1024 - 1}"));
        Assert.StartsWith("k|", await client.GetStringAsync("/set/k/65536"));
    }
}
