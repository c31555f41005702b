using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace TypedSession.Generator.Analyzers;

/// <summary>
/// The ASP.NET Core and TypedSession types the analyzers recognise calls by, resolved once per compilation, on first
/// use, and shared by the analyzers (<see cref="Create"/>). A <see langword="null"/> property means the compilation does
/// not reference that type.
/// </summary>
internal sealed class SessionSymbols
{
    private static readonly ConditionalWeakTable<Compilation, SessionSymbols> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly Lazy<INamedTypeSymbol?> _webApplication;
    private readonly Lazy<INamedTypeSymbol?> _webApplicationBuilder;
    private readonly Lazy<INamedTypeSymbol?> _applicationBuilder;
    private readonly Lazy<INamedTypeSymbol?> _endpointRouteBuilder;
    private readonly Lazy<INamedTypeSymbol?> _sessionMiddlewareExtensions;
    private readonly Lazy<INamedTypeSymbol?> _sessionServiceCollectionExtensions;
    private readonly Lazy<INamedTypeSymbol?> _sessionOptions;
    private readonly Lazy<INamedTypeSymbol?> _sessionStore;
    private readonly Lazy<INamedTypeSymbol?> _session;
    private readonly Lazy<INamedTypeSymbol?> _sessionFeature;
    private readonly Lazy<INamedTypeSymbol?> _sessionExtensions;
    private readonly Lazy<INamedTypeSymbol?> _httpContext;
    private readonly Lazy<INamedTypeSymbol?> _httpResponse;
    private readonly Lazy<INamedTypeSymbol?> _httpResponseWritingExtensions;
    private readonly Lazy<INamedTypeSymbol?> _httpResponseJsonExtensions;
    private readonly Lazy<INamedTypeSymbol?> _sendFileResponseExtensions;
    private readonly Lazy<INamedTypeSymbol?> _result;
    private readonly Lazy<INamedTypeSymbol?> _requestDelegate;
    private readonly Lazy<INamedTypeSymbol?> _middleware;
    private readonly Lazy<INamedTypeSymbol?> _useExtensions;
    private readonly Lazy<INamedTypeSymbol?> _runExtensions;
    private readonly Lazy<INamedTypeSymbol?> _useMiddlewareExtensions;
    private readonly Lazy<INamedTypeSymbol?> _mapExtensions;
    private readonly Lazy<INamedTypeSymbol?> _mapWhenExtensions;
    private readonly Lazy<INamedTypeSymbol?> _useWhenExtensions;
    private readonly Lazy<INamedTypeSymbol?> _endpointRoutingApplicationBuilderExtensions;
    private readonly Lazy<INamedTypeSymbol?> _hostingAbstractionsHostExtensions;
    private readonly Lazy<INamedTypeSymbol?> _host;
    private readonly Lazy<INamedTypeSymbol?> _hostedService;
    private readonly Lazy<INamedTypeSymbol?> _cookieBuilder;
    private readonly Lazy<INamedTypeSymbol?> _cookieSecurePolicy;
    private readonly Lazy<INamedTypeSymbol?> _cookiePolicyOptions;
    private readonly Lazy<INamedTypeSymbol?> _serviceCollection;
    private readonly Lazy<INamedTypeSymbol?> _serviceCollectionServiceExtensions;
    private readonly Lazy<INamedTypeSymbol?> _serviceCollectionDescriptorExtensions;
    private readonly Lazy<INamedTypeSymbol?> _serviceCollectionHostedServiceExtensions;
    private readonly Lazy<INamedTypeSymbol?> _distributedCache;
    private readonly Lazy<INamedTypeSymbol?> _memoryCacheServiceCollectionExtensions;
    private readonly Lazy<INamedTypeSymbol?> _typedSessionServiceCollectionExtensions;
    private readonly Lazy<INamedTypeSymbol?> _typedSessionEngineServiceCollectionExtensions;
    private readonly Lazy<INamedTypeSymbol?> _sessionAttribute;
    private readonly Lazy<INamedTypeSymbol?> _typedSessionBase;

    private SessionSymbols(Compilation compilation)
    {
        _compilation = compilation;
        _webApplication = Resolve("Microsoft.AspNetCore.Builder.WebApplication");
        _webApplicationBuilder = Resolve("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
        _applicationBuilder = Resolve("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        _endpointRouteBuilder = Resolve("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        _sessionMiddlewareExtensions = Resolve("Microsoft.AspNetCore.Builder.SessionMiddlewareExtensions");
        _sessionServiceCollectionExtensions = Resolve("Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions");
        _sessionOptions = Resolve("Microsoft.AspNetCore.Builder.SessionOptions");
        _sessionStore = Resolve("Microsoft.AspNetCore.Session.ISessionStore");
        _session = Resolve("Microsoft.AspNetCore.Http.ISession");
        _sessionFeature = Resolve("Microsoft.AspNetCore.Http.Features.ISessionFeature");
        _sessionExtensions = Resolve("Microsoft.AspNetCore.Http.SessionExtensions");
        _httpContext = Resolve("Microsoft.AspNetCore.Http.HttpContext");
        _httpResponse = Resolve("Microsoft.AspNetCore.Http.HttpResponse");
        _httpResponseWritingExtensions = Resolve("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
        _httpResponseJsonExtensions = Resolve("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions");
        _sendFileResponseExtensions = Resolve("Microsoft.AspNetCore.Http.SendFileResponseExtensions");
        _result = Resolve("Microsoft.AspNetCore.Http.IResult");
        _requestDelegate = Resolve("Microsoft.AspNetCore.Http.RequestDelegate");
        _middleware = Resolve("Microsoft.AspNetCore.Http.IMiddleware");
        _useExtensions = Resolve("Microsoft.AspNetCore.Builder.UseExtensions");
        _runExtensions = Resolve("Microsoft.AspNetCore.Builder.RunExtensions");
        _useMiddlewareExtensions = Resolve("Microsoft.AspNetCore.Builder.UseMiddlewareExtensions");
        _mapExtensions = Resolve("Microsoft.AspNetCore.Builder.MapExtensions");
        _mapWhenExtensions = Resolve("Microsoft.AspNetCore.Builder.MapWhenExtensions");
        _useWhenExtensions = Resolve("Microsoft.AspNetCore.Builder.UseWhenExtensions");
        _endpointRoutingApplicationBuilderExtensions = Resolve("Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions");
        _hostingAbstractionsHostExtensions = Resolve("Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions");
        _host = Resolve("Microsoft.Extensions.Hosting.IHost");
        _hostedService = Resolve("Microsoft.Extensions.Hosting.IHostedService");
        _cookieBuilder = Resolve("Microsoft.AspNetCore.Http.CookieBuilder");
        _cookieSecurePolicy = Resolve("Microsoft.AspNetCore.Http.CookieSecurePolicy");
        _cookiePolicyOptions = Resolve("Microsoft.AspNetCore.Builder.CookiePolicyOptions");
        _serviceCollection = Resolve("Microsoft.Extensions.DependencyInjection.IServiceCollection");
        _serviceCollectionServiceExtensions = Resolve("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        _serviceCollectionDescriptorExtensions = Resolve("Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
        _serviceCollectionHostedServiceExtensions = Resolve("Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions");
        _distributedCache = Resolve("Microsoft.Extensions.Caching.Distributed.IDistributedCache");
        _memoryCacheServiceCollectionExtensions = Resolve("Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions");
        _typedSessionServiceCollectionExtensions = Resolve("Microsoft.Extensions.DependencyInjection.TypedSessionServiceCollectionExtensions");
        _typedSessionEngineServiceCollectionExtensions = Resolve("Microsoft.Extensions.DependencyInjection.TypedSessionEngineServiceCollectionExtensions");
        _sessionAttribute = Resolve("TypedSession.SessionAttribute");
        _typedSessionBase = Resolve("TypedSession.TypedSessionBase");
    }

    public INamedTypeSymbol? WebApplication => _webApplication.Value;

    public INamedTypeSymbol? WebApplicationBuilder => _webApplicationBuilder.Value;

    public INamedTypeSymbol? ApplicationBuilder => _applicationBuilder.Value;

    public INamedTypeSymbol? EndpointRouteBuilder => _endpointRouteBuilder.Value;

    public INamedTypeSymbol? SessionMiddlewareExtensions => _sessionMiddlewareExtensions.Value;

    public INamedTypeSymbol? SessionServiceCollectionExtensions => _sessionServiceCollectionExtensions.Value;

    public INamedTypeSymbol? SessionOptions => _sessionOptions.Value;

    public INamedTypeSymbol? SessionStore => _sessionStore.Value;

    public INamedTypeSymbol? Session => _session.Value;

    public INamedTypeSymbol? SessionFeature => _sessionFeature.Value;

    public INamedTypeSymbol? SessionExtensions => _sessionExtensions.Value;

    public INamedTypeSymbol? HttpContext => _httpContext.Value;

    public INamedTypeSymbol? HttpResponse => _httpResponse.Value;

    public INamedTypeSymbol? HttpResponseWritingExtensions => _httpResponseWritingExtensions.Value;

    public INamedTypeSymbol? HttpResponseJsonExtensions => _httpResponseJsonExtensions.Value;

    public INamedTypeSymbol? SendFileResponseExtensions => _sendFileResponseExtensions.Value;

    public INamedTypeSymbol? Result => _result.Value;

    public INamedTypeSymbol? RequestDelegate => _requestDelegate.Value;

    public INamedTypeSymbol? Middleware => _middleware.Value;

    public INamedTypeSymbol? UseExtensions => _useExtensions.Value;

    public INamedTypeSymbol? RunExtensions => _runExtensions.Value;

    public INamedTypeSymbol? UseMiddlewareExtensions => _useMiddlewareExtensions.Value;

    public INamedTypeSymbol? MapExtensions => _mapExtensions.Value;

    public INamedTypeSymbol? MapWhenExtensions => _mapWhenExtensions.Value;

    public INamedTypeSymbol? UseWhenExtensions => _useWhenExtensions.Value;

    public INamedTypeSymbol? EndpointRoutingApplicationBuilderExtensions => _endpointRoutingApplicationBuilderExtensions.Value;

    public INamedTypeSymbol? HostingAbstractionsHostExtensions => _hostingAbstractionsHostExtensions.Value;

    public INamedTypeSymbol? Host => _host.Value;

    public INamedTypeSymbol? HostedService => _hostedService.Value;

    public INamedTypeSymbol? CookieBuilder => _cookieBuilder.Value;

    public INamedTypeSymbol? CookieSecurePolicy => _cookieSecurePolicy.Value;

    public INamedTypeSymbol? CookiePolicyOptions => _cookiePolicyOptions.Value;

    public INamedTypeSymbol? ServiceCollection => _serviceCollection.Value;

    public INamedTypeSymbol? ServiceCollectionServiceExtensions => _serviceCollectionServiceExtensions.Value;

    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions => _serviceCollectionDescriptorExtensions.Value;

    public INamedTypeSymbol? ServiceCollectionHostedServiceExtensions => _serviceCollectionHostedServiceExtensions.Value;

    public INamedTypeSymbol? DistributedCache => _distributedCache.Value;

    public INamedTypeSymbol? MemoryCacheServiceCollectionExtensions => _memoryCacheServiceCollectionExtensions.Value;

    /// <summary><c>AddTypedSession&lt;T&gt;()</c>: registers the session engine, so it stands in for <c>AddSession()</c>.</summary>
    public INamedTypeSymbol? TypedSessionServiceCollectionExtensions => _typedSessionServiceCollectionExtensions.Value;

    /// <summary>
    /// <c>AddTypedSessionEngine()</c>: data protection, options, an in-memory <c>IDistributedCache</c> and the engine as
    /// <c>ISessionStore</c>: everything <c>UseSession()</c> needs.
    /// </summary>
    public INamedTypeSymbol? TypedSessionEngineServiceCollectionExtensions => _typedSessionEngineServiceCollectionExtensions.Value;

    public INamedTypeSymbol? SessionAttribute => _sessionAttribute.Value;

    public INamedTypeSymbol? TypedSessionBase => _typedSessionBase.Value;

    /// <summary>
    /// <see langword="true"/> when the compilation references ASP.NET Core's session middleware; the pipeline and cookie
    /// analyzers do nothing otherwise.
    /// </summary>
    public bool HasSessionMiddleware =>
        SessionMiddlewareExtensions is not null && SessionServiceCollectionExtensions is not null && ApplicationBuilder is not null;

    /// <summary>
    /// The compilation's symbols, shared by every analyzer of the compilation: each type is looked up once (a lookup
    /// searches every referenced assembly) and only when an analyzer first asks for it, so that a compilation without
    /// ASP.NET Core's session costs the few lookups of the analyzers' bail-out checks.
    /// </summary>
    public static SessionSymbols Create(Compilation compilation) => ByCompilation.GetValue(compilation, static created => new SessionSymbols(created));

    private Lazy<INamedTypeSymbol?> Resolve(string metadataName) =>
        new(() => _compilation.GetTypeByMetadataName(metadataName), LazyThreadSafetyMode.PublicationOnly);

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
