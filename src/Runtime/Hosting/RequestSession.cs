using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TypedSession.Hosting;

// The one place that finds the request's ISession for a session class, so that DI, minimal-API binding and the MVC
// filter fail the same way, with a message that names the fix, instead of a NullReferenceException or the stock
// "Session has not been configured" message that names neither the class nor the remedy.
internal static class RequestSession
{
    internal static ISession Get(HttpContext? context, Type sessionType)
    {
        if (context is null)
        {
            throw new InvalidOperationException(
                $"{sessionType.Name} is the session of the current HTTP request, but it was resolved outside of a request " +
                "(no HttpContext: a singleton, a hosted service, or a scope created outside the request pipeline). " +
                $"Take {sessionType.Name} as a handler parameter, a controller or page-model constructor parameter, or resolve it from HttpContext.RequestServices.");
        }
        return context.Features.Get<ISessionFeature>()?.Session ?? throw NoSessionMiddleware(sessionType);
    }

    private static InvalidOperationException NoSessionMiddleware(Type sessionType) => new(
        $"{sessionType.Name} needs the request's session, but the session middleware did not run for this request. " +
        "Add builder.Services.AddSession() and call app.UseSession() before the endpoints run " +
        "(after app.UseRouting() if you call it, and before app.MapControllers(), app.MapRazorPages() or the minimal-API handlers).");
}
