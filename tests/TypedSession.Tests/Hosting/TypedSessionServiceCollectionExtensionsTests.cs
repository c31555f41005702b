using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSession.Hosting;

namespace TypedSession.Tests.Hosting;

public sealed class TypedSessionServiceCollectionExtensionsTests
{
    [Fact]
    public void Registering_several_session_classes_shares_one_set_of_infrastructure_services()
    {
        var services = new ServiceCollection();

        services.AddTypedSession<CartSession>();
        services.AddTypedSession<WishlistSession>();
        services.AddTypedSession<CartSession>();

        Assert.Single(services, d => d.ServiceType == typeof(SessionClassRegistry));
        Assert.Single(services, d => d.ServiceType == typeof(IHttpContextAccessor));
        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<MvcOptions>));
        var cart = Assert.Single(services, d => d.ServiceType == typeof(CartSession));
        Assert.Equal(ServiceLifetime.Scoped, cart.Lifetime);
        Assert.Equal(ServiceLifetime.Scoped, Assert.Single(services, d => d.ServiceType == typeof(WishlistSession)).Lifetime);
        var registry = (SessionClassRegistry)services.Single(d => d.ServiceType == typeof(SessionClassRegistry)).ImplementationInstance!;
        Assert.True(registry.Contains(typeof(CartSession)));
        Assert.True(registry.Contains(typeof(WishlistSession)));
    }

    [Fact]
    public void Without_MVC_no_MVC_service_is_registered_besides_the_options_setup()
    {
        // The engine registers the options system (any IOptions<T> then resolves), so what keeps minimal-API apps free
        // of MVC is that nothing but the IConfigureOptions<MvcOptions> setup is registered, and nothing resolves it.
        var services = new ServiceCollection();
        services.AddTypedSession<CartSession>();

        var mvc = Assert.Single(services, d => d.ServiceType.IsGenericType
            ? d.ServiceType.GetGenericArguments().Any(a => a.Namespace?.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) == true)
            : d.ServiceType.Namespace?.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) == true);
        Assert.Equal(typeof(IConfigureOptions<MvcOptions>), mvc.ServiceType);
    }
}
