using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;

namespace TypedSession.Hosting;

// Awaits ISession.LoadAsync before a controller or page model is created, so that constructor-injected and
// parameter-bound session classes never make the store load synchronously. It runs as the first resource filter, and
// only for actions that depend on a session class: a request that never touches the session makes no store call.
internal sealed class SessionLoadingFilter : IAsyncResourceFilter, IOrderedFilter
{
    private static readonly SessionUse NoSession = new(null);

    private readonly SessionClassRegistry _registry;

    // Decided once per action descriptor; weak keys, because MVC replaces descriptors when its action set changes.
    private readonly ConditionalWeakTable<ActionDescriptor, SessionUse> _decisions = new();
    private readonly ConditionalWeakTable<ActionDescriptor, SessionUse>.CreateValueCallback _decide;

    internal SessionLoadingFilter(SessionClassRegistry registry)
    {
        _registry = registry;
        _decide = Decide;
    }

    public int Order => int.MinValue;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var sessionClass = _decisions.GetValue(context.ActionDescriptor, _decide).SessionClass;
        if (sessionClass is not null)
        {
            var httpContext = context.HttpContext;
            await RequestSession.Get(httpContext, sessionClass).LoadAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
        await next().ConfigureAwait(false);
    }

    private SessionUse Decide(ActionDescriptor action) =>
        ActionSessionUsage.FindSessionClass(action, _registry) is { } sessionClass ? new SessionUse(sessionClass) : NoSession;

    private sealed record SessionUse(Type? SessionClass);
}
