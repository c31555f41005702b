using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TypedSession.DataProtection;

/// <summary>
/// Puts <see cref="CachingDataProtectionProvider"/> in front of the application's <see cref="IDataProtectionProvider"/>:
/// the registration in effect (the last one; <c>AddDataProtection()</c>'s factory unless the application registered
/// its own first) is replaced by one that builds it the same way and wraps it.
/// </summary>
/// <remarks>
/// A provider the application registers later (<c>AddSingleton&lt;IDataProtectionProvider&gt;</c>,
/// <c>UseEphemeralDataProtectionProvider()</c>) replaces this one, and sessions then simply run without the cache.
/// </remarks>
internal sealed class CookieCacheRegistration
{
    private readonly ServiceDescriptor _original;

    private CookieCacheRegistration(ServiceDescriptor original) => _original = original;

    /// <summary>Wraps the provider registered now; does nothing if it is already wrapped, or not a singleton.</summary>
    internal static void Install(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IDataProtectionProvider) || descriptor.IsKeyedService)
            {
                continue;
            }
            // Already wrapped (AddTypedSessionEngine called twice); a scoped or transient provider cannot keep a cache.
            if (descriptor.ImplementationFactory?.Target is not CookieCacheRegistration && descriptor.Lifetime == ServiceLifetime.Singleton)
            {
                services[i] = ServiceDescriptor.Singleton<IDataProtectionProvider>(new CookieCacheRegistration(descriptor).Create);
            }
            return;
        }
    }

    private IDataProtectionProvider Create(IServiceProvider services)
    {
        var inner = (IDataProtectionProvider)(_original.ImplementationInstance
            ?? _original.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, _original.ImplementationType!));
        var options = services.GetRequiredService<IOptions<TypedSessionOptions>>().Value;
        return options.CookieCacheSize == 0
            ? inner
            : new CachingDataProtectionProvider(
                inner,
                options,
                services.GetRequiredService<TimeProvider>(),
                services.GetService<IKeyManager>(),
                ownsInner: _original.ImplementationInstance is null);
    }
}
