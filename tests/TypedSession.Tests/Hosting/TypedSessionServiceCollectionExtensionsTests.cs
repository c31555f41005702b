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
    public void Without_MVC_no_MVC_options_are_ever_built()
    {
        var services = new ServiceCollection();
        services.AddTypedSession<CartSession>();

        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<IOptions<MvcOptions>>());
    }
}
