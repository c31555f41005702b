using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedSession.Tests.Engine;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_requests_on_one_session_never_corrupt_it()
    {
        await using var host = await EngineHost.StartAsync(e =>
        {
            e.MapGet("/set/{key}", async (HttpContext c, string key) =>
            {
                await c.Session.LoadAsync();
                c.Session.SetString("base", "kept");
                c.Session.SetString(key, "value-of-" + key);
                await Task.Yield();
                return "ok";
            });
            e.MapGet("/dump", async (HttpContext c) =>
            {
                await c.Session.LoadAsync();
                return $"{c.Session.IsAvailable}|" + string.Join(",", c.Session.Keys.Order().Select(k => $"{k}={c.Session.GetString(k)}"));
            });
        });
        var client = host.CreateClient();
        await client.GetStringAsync("/set/first");
        var cookie = client.Cookie;

        var requests = Enumerable.Range(0, 40).Select(async i =>
        {
            var parallel = host.CreateClient();
            parallel.Cookie = cookie;
            return await parallel.GetStringAsync($"/set/k{i}");
        });
        Assert.All(await Task.WhenAll(requests), answer => Assert.Equal("ok", answer));

        var dump = (await client.GetStringAsync("/dump")).Split('|');
        Assert.Equal("True", dump[0]);
        var pairs = dump[1].Split(',').Select(p => p.Split('=')).ToList();
        // A whole-blob store keeps the last writer's session whole: never a mix, never a damaged entry.
        Assert.Contains(pairs, p => p[0] == "base" && p[1] == "kept");
        Assert.All(pairs.Where(p => p[0] != "base"), p => Assert.Equal("value-of-" + p[0], p[1]));
        Assert.Contains(pairs, p => p[0].StartsWith('k'));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Id is 102 or 101 or 111);
    }
}
