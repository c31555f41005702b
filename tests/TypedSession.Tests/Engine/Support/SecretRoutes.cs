using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedSession.Tests.Engine.Support;

/// <summary>
/// A victim's secret in the session (<c>/write</c>) and what a request sees of its session (<c>/read</c>:
/// "available|number of keys|secret"), for tests that send forged, tampered or foreign cookies.
/// </summary>
internal static class SecretRoutes
{
    public const string Secret = "victim-data";

    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapGet("/write", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("secret", Secret);
            return "ok";
        });
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return $"{c.Session.IsAvailable}|{c.Session.Keys.Count()}|{c.Session.GetString("secret") ?? "(none)"}";
        });
    }
}
