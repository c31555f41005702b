using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Analyzers;

/// <summary>
/// The ASP.NET Core and TypedSession types the analyzers recognise calls by, resolved once per compilation in a
/// compilation-start action. A <see langword="null"/> property means the compilation does not reference that type.
/// </summary>
internal sealed class SessionSymbols
{
    private SessionSymbols(Compilation compilation)
    {
        WebApplication = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
        WebApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
        ApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        SessionMiddlewareExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.SessionMiddlewareExtensions");
        SessionServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions");
        SessionOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.SessionOptions");
        SessionStore = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Session.ISessionStore");
        Session = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ISession");
        SessionFeature = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Features.ISessionFeature");
        SessionExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.SessionExtensions");
        HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
        HttpResponse = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
        HttpResponseWritingExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
        HttpResponseJsonExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions");
        SendFileResponseExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.SendFileResponseExtensions");
        Result = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IResult");
        RequestDelegate = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.RequestDelegate");
        Middleware = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IMiddleware");
        UseExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.UseExtensions");
        RunExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.RunExtensions");
        UseMiddlewareExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.UseMiddlewareExtensions");
        MapExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.MapExtensions");
        MapWhenExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.MapWhenExtensions");
        UseWhenExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.UseWhenExtensions");
        EndpointRoutingApplicationBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions");
        HostingAbstractionsHostExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions");
        Host = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHost");
        HostedService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService");
        CookieBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.CookieBuilder");
        CookieSecurePolicy = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.CookieSecurePolicy");
        CookiePolicyOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.CookiePolicyOptions");
        ServiceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");
        ServiceCollectionServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        ServiceCollectionDescriptorExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
        ServiceCollectionHostedServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions");
        DistributedCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.IDistributedCache");
        MemoryCacheServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions");
        TypedSessionServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.TypedSessionServiceCollectionExtensions");
        TypedSessionEngineServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.TypedSessionEngineServiceCollectionExtensions");
        SessionAttribute = compilation.GetTypeByMetadataName("TypedSession.SessionAttribute");
        TypedSessionBase = compilation.GetTypeByMetadataName("TypedSession.TypedSessionBase");
    }

    public INamedTypeSymbol? WebApplication { get; }

    public INamedTypeSymbol? WebApplicationBuilder { get; }

    public INamedTypeSymbol? ApplicationBuilder { get; }

    public INamedTypeSymbol? EndpointRouteBuilder { get; }

    public INamedTypeSymbol? SessionMiddlewareExtensions { get; }

    public INamedTypeSymbol? SessionServiceCollectionExtensions { get; }

    public INamedTypeSymbol? SessionOptions { get; }

    public INamedTypeSymbol? SessionStore { get; }

    public INamedTypeSymbol? Session { get; }

    public INamedTypeSymbol? SessionFeature { get; }

    public INamedTypeSymbol? SessionExtensions { get; }

    public INamedTypeSymbol? HttpContext { get; }

    public INamedTypeSymbol? HttpResponse { get; }

    public INamedTypeSymbol? HttpResponseWritingExtensions { get; }

    public INamedTypeSymbol? HttpResponseJsonExtensions { get; }

    public INamedTypeSymbol? SendFileResponseExtensions { get; }

    public INamedTypeSymbol? Result { get; }

    public INamedTypeSymbol? RequestDelegate { get; }

    public INamedTypeSymbol? Middleware { get; }

    public INamedTypeSymbol? UseExtensions { get; }

    public INamedTypeSymbol? RunExtensions { get; }

    public INamedTypeSymbol? UseMiddlewareExtensions { get; }

    public INamedTypeSymbol? MapExtensions { get; }

    public INamedTypeSymbol? MapWhenExtensions { get; }

    public INamedTypeSymbol? UseWhenExtensions { get; }

    public INamedTypeSymbol? EndpointRoutingApplicationBuilderExtensions { get; }

    public INamedTypeSymbol? HostingAbstractionsHostExtensions { get; }

    public INamedTypeSymbol? Host { get; }

    public INamedTypeSymbol? HostedService { get; }

    public INamedTypeSymbol? CookieBuilder { get; }

    public INamedTypeSymbol? CookieSecurePolicy { get; }

    public INamedTypeSymbol? CookiePolicyOptions { get; }

    public INamedTypeSymbol? ServiceCollection { get; }

    public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }

    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }

    public INamedTypeSymbol? ServiceCollectionHostedServiceExtensions { get; }

    public INamedTypeSymbol? DistributedCache { get; }

    public INamedTypeSymbol? MemoryCacheServiceCollectionExtensions { get; }

    /// <summary><c>AddTypedSession&lt;T&gt;()</c>: registers the session engine, so it stands in for <c>AddSession()</c>.</summary>
    public INamedTypeSymbol? TypedSessionServiceCollectionExtensions { get; }

    /// <summary>
    /// <c>AddTypedSessionEngine()</c>: data protection, options, an in-memory <c>IDistributedCache</c> and the engine as
    /// <c>ISessionStore</c>: everything <c>UseSession()</c> needs.
    /// </summary>
    public INamedTypeSymbol? TypedSessionEngineServiceCollectionExtensions { get; }

    public INamedTypeSymbol? SessionAttribute { get; }

    public INamedTypeSymbol? TypedSessionBase { get; }

    /// <summary>
    /// <see langword="true"/> when the compilation references ASP.NET Core's session middleware; the pipeline and cookie
    /// analyzers do nothing otherwise.
    /// </summary>
    public bool HasSessionMiddleware =>
        SessionMiddlewareExtensions is not null && SessionServiceCollectionExtensions is not null && ApplicationBuilder is not null;

    public static SessionSymbols Create(Compilation compilation) => new(compilation);

    /// <summary><see langword="true"/> for a class marked <c>[Session]</c>.</summary>
    public bool IsSessionClass(ITypeSymbol? type)
    {
        if (SessionAttribute is null || type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named)
        {
            return false;
        }

        foreach (var attribute in named.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, SessionAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see langword="true"/> for a type through which code reaches the request's session: <c>ISession</c>,
    /// <c>ISessionFeature</c> or a <c>[Session]</c> class.
    /// </summary>
    public bool IsSessionAccessType(ITypeSymbol? type) =>
        type is not null &&
        (SymbolEqualityComparer.Default.Equals(type, Session) ||
         SymbolEqualityComparer.Default.Equals(type, SessionFeature) ||
         IsSessionClass(type));

    /// <summary>
    /// <see langword="true"/> when <paramref name="type"/> is <paramref name="baseOrInterface"/>, derives from it or
    /// implements it.
    /// </summary>
    public static bool IsOrInherits(ITypeSymbol? type, INamedTypeSymbol? baseOrInterface)
    {
        if (type is null || baseOrInterface is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseOrInterface))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, baseOrInterface))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method as declared: the static extension method for a call written in reduced form.</summary>
    public static IMethodSymbol Declared(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    /// <summary><see langword="true"/> when <paramref name="method"/> is declared by <paramref name="type"/>.</summary>
    public static bool IsDeclaredBy(IMethodSymbol method, INamedTypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(Declared(method).ContainingType, type);
}
