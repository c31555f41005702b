using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
        e.MapGet("/remove/{removed}/set/{key}/{bytes:int}", async (HttpContext c, string removed, string key, int bytes) =>
        {
            await c.Session.LoadAsync();
            c.Session.Remove(removed);
            try
            {
                c.Session.Set(key, new byte[bytes]);
                return "ok";
            }
            catch (SessionTooLargeException error)
            {
                return $"{error.Key}|{error.ValueBytes}|{error.SessionBytes}|{error.Limit}";
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
    public async Task Budget_counts_a_value_removed_in_the_request_once()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.MaxSessionBytes = 100);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/a/30");
        await client.GetStringAsync("/set/b/60");

        // A new request removes "a" (1 + 30 bytes) first, so the session is measured after a removal: 1 + 60 for
        // "b" and 1 + 50 for "c" make 112, over the budget.
        Assert.Equal("c|50|112|100", await client.GetStringAsync("/remove/a/set/c/50"));
        Assert.Equal("ok", await client.GetStringAsync("/remove/a/set/c/38"));
        Assert.Equal("b=60,c=38", await client.GetStringAsync("/sizes"));
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
