using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TypedSession;
using TypedSession.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TypedSession's session classes with dependency injection.</summary>
public static class TypedSessionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TSession"/> as a scoped service that is always the current request's session, so
    /// that it can be a minimal-API handler parameter, an MVC controller or action parameter, or a Razor Pages page-model
    /// constructor or handler parameter. In each of these the session is loaded with
    /// <see cref="ISession.LoadAsync(CancellationToken)"/> before the handler runs, never synchronously. Call it once per
    /// session class; the app also needs <c>builder.Services.AddSession()</c> and <c>app.UseSession()</c> before its
    /// endpoints.
    /// </summary>
    /// <typeparam name="TSession">A <see cref="SessionAttribute"/> class.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Resolving <typeparamref name="TSession"/> outside a request, or in a request the session middleware did not
    /// handle, throws an <see cref="InvalidOperationException"/> that names the fix.
    /// </remarks>
    public static IServiceCollection AddTypedSession<TSession>(this IServiceCollection services)
        where TSession : class, ITypedSession<TSession>
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = AddSharedServices(services);
        registry.Add(typeof(TSession));
        services.TryAddScoped(static provider => TSession.Create(
            RequestSession.Get(provider.GetRequiredService<IHttpContextAccessor>().HttpContext, typeof(TSession))));
        return services;
    }

    // What every session class shares, registered once however many classes are added.
    private static SessionClassRegistry AddSharedServices(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (!descriptor.IsKeyedService && descriptor.ServiceType == typeof(SessionClassRegistry) && descriptor.ImplementationInstance is SessionClassRegistry existing)
            {
                return existing;
            }
        }
        var registry = new SessionClassRegistry();
        services.AddSingleton(registry);
        // Also how undecodable values reach the request's own logger (UndecodableValues).
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MvcOptions>, SessionMvcOptionsSetup>());
        // TypedSession's session engine behind app.UseSession(), with its default store unless another is registered.
        services.AddTypedSessionEngine();
        return registry;
    }
}
