using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

using TypedSession.Hosting;

namespace TypedSession.Generated;

/// <summary>
/// Minimal-API binding of session classes: the generated <c>BindAsync</c> of every <see cref="SessionAttribute"/>
/// class calls <see cref="BindAsync{T}(HttpContext)"/>, so that a handler parameter such as
/// <c>app.MapGet("/me", (UserSession s) =&gt; s.Username)</c> gets a session that is already loaded without blocking.
/// For generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SessionBinding
{
    /// <summary>
    /// Loads the request's session with <see cref="ISession.LoadAsync(CancellationToken)"/> and returns the request's
    /// <typeparamref name="T"/>: the dependency-injection instance of this request when
    /// <c>AddTypedSession&lt;T&gt;()</c> registered one (so every consumer in the request shares one cache), otherwise a
    /// new instance over <see cref="HttpContext.Session"/>.
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <typeparam name="T">The session class.</typeparam>
    /// <exception cref="InvalidOperationException">The session middleware did not run for this request.</exception>
    public static async ValueTask<T?> BindAsync<T>(HttpContext context) where T : class, ITypedSession<T>
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = RequestSession.Get(context, typeof(T));
        await session.LoadAsync(context.RequestAborted).ConfigureAwait(false);
        return context.RequestServices?.GetService<T>() ?? T.Create(session);
    }
}
