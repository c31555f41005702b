using System.Runtime.CompilerServices;
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
    private readonly KnownType _webApplication;
    private readonly KnownType _webApplicationBuilder;
    private readonly KnownType _applicationBuilder;
    private readonly KnownType _endpointRouteBuilder;
    private readonly KnownType _sessionMiddlewareExtensions;
    private readonly KnownType _sessionServiceCollectionExtensions;
    private readonly KnownType _sessionOptions;
    private readonly KnownType _sessionStore;
    private readonly KnownType _session;
    private readonly KnownType _sessionFeature;
    private readonly KnownType _sessionExtensions;
    private readonly KnownType _httpContext;
    private readonly KnownType _httpResponse;
    private readonly KnownType _httpResponseWritingExtensions;
    private readonly KnownType _httpResponseJsonExtensions;
    private readonly KnownType _sendFileResponseExtensions;
    private readonly KnownType _result;
    private readonly KnownType _requestDelegate;
    private readonly KnownType _middleware;
    private readonly KnownType _useExtensions;
    private readonly KnownType _runExtensions;
    private readonly KnownType _useMiddlewareExtensions;
    private readonly KnownType _mapExtensions;
    private readonly KnownType _mapWhenExtensions;
    private readonly KnownType _useWhenExtensions;
    private readonly KnownType _endpointRoutingApplicationBuilderExtensions;
    private readonly KnownType _hostingAbstractionsHostExtensions;
    private readonly KnownType _host;
    private readonly KnownType _hostedService;
    private readonly KnownType _cookieBuilder;
    private readonly KnownType _cookieSecurePolicy;
    private readonly KnownType _cookiePolicyOptions;
    private readonly KnownType _serviceCollection;
    private readonly KnownType _serviceCollectionServiceExtensions;
    private readonly KnownType _serviceCollectionDescriptorExtensions;
    private readonly KnownType _serviceCollectionHostedServiceExtensions;
    private readonly KnownType _distributedCache;
    private readonly KnownType _memoryCacheServiceCollectionExtensions;
    private readonly KnownType _typedSessionServiceCollectionExtensions;
    private readonly KnownType _typedSessionEngineServiceCollectionExtensions;
    private readonly KnownType _sessionAttribute;
    private readonly KnownType _typedSessionBase;

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

    public KnownType WebApplication => _webApplication;

    public KnownType WebApplicationBuilder => _webApplicationBuilder;

    public KnownType ApplicationBuilder => _applicationBuilder;

    public KnownType EndpointRouteBuilder => _endpointRouteBuilder;

    public KnownType SessionMiddlewareExtensions => _sessionMiddlewareExtensions;

    public KnownType SessionServiceCollectionExtensions => _sessionServiceCollectionExtensions;

    public KnownType SessionOptions => _sessionOptions;

    public KnownType SessionStore => _sessionStore;

    public KnownType Session => _session;

    public KnownType SessionFeature => _sessionFeature;

    public KnownType SessionExtensions => _sessionExtensions;

    public KnownType HttpContext => _httpContext;

    public KnownType HttpResponse => _httpResponse;

    public KnownType HttpResponseWritingExtensions => _httpResponseWritingExtensions;

    public KnownType HttpResponseJsonExtensions => _httpResponseJsonExtensions;

    public KnownType SendFileResponseExtensions => _sendFileResponseExtensions;

    public KnownType Result => _result;

    public KnownType RequestDelegate => _requestDelegate;

    public KnownType Middleware => _middleware;

    public KnownType UseExtensions => _useExtensions;

    public KnownType RunExtensions => _runExtensions;

    public KnownType UseMiddlewareExtensions => _useMiddlewareExtensions;

    public KnownType MapExtensions => _mapExtensions;

    public KnownType MapWhenExtensions => _mapWhenExtensions;

    public KnownType UseWhenExtensions => _useWhenExtensions;

    public KnownType EndpointRoutingApplicationBuilderExtensions => _endpointRoutingApplicationBuilderExtensions;

    public KnownType HostingAbstractionsHostExtensions => _hostingAbstractionsHostExtensions;

    public KnownType Host => _host;

    public KnownType HostedService => _hostedService;

    public KnownType CookieBuilder => _cookieBuilder;

    public KnownType CookieSecurePolicy => _cookieSecurePolicy;

    public KnownType CookiePolicyOptions => _cookiePolicyOptions;

    public KnownType ServiceCollection => _serviceCollection;

    public KnownType ServiceCollectionServiceExtensions => _serviceCollectionServiceExtensions;

    public KnownType ServiceCollectionDescriptorExtensions => _serviceCollectionDescriptorExtensions;

    public KnownType ServiceCollectionHostedServiceExtensions => _serviceCollectionHostedServiceExtensions;

    public KnownType DistributedCache => _distributedCache;

    public KnownType MemoryCacheServiceCollectionExtensions => _memoryCacheServiceCollectionExtensions;

    /// <summary><c>AddTypedSession&lt;T&gt;()</c>: registers the session engine, so it stands in for <c>AddSession()</c>.</summary>
    public KnownType TypedSessionServiceCollectionExtensions => _typedSessionServiceCollectionExtensions;

    /// <summary>
    /// <c>AddTypedSessionEngine()</c>: data protection, options, an in-memory <c>IDistributedCache</c> and the engine as
    /// <c>ISessionStore</c>: everything <c>UseSession()</c> needs.
    /// </summary>
    public KnownType TypedSessionEngineServiceCollectionExtensions => _typedSessionEngineServiceCollectionExtensions;

    public KnownType SessionAttribute => _sessionAttribute;

    public KnownType TypedSessionBase => _typedSessionBase;

    /// <summary>
    /// <see langword="true"/> when the compilation references ASP.NET Core's session middleware; the pipeline and cookie
    /// analyzers do nothing otherwise.
    /// </summary>
    public bool HasSessionMiddleware =>
        SessionMiddlewareExtensions.Symbol is not null && SessionServiceCollectionExtensions.Symbol is not null && ApplicationBuilder.Symbol is not null;

    /// <summary>
    /// The compilation's symbols, shared by every analyzer of the compilation: each type is looked up once (a lookup
    /// searches every referenced assembly) and only when an analyzer first asks for it, so that a compilation without
    /// ASP.NET Core's session costs the few lookups of the analyzers' bail-out checks.
    /// </summary>
    public static SessionSymbols Create(Compilation compilation) => ByCompilation.GetValue(compilation, static created => new SessionSymbols(created));

    private KnownType Resolve(string metadataName) => new(_compilation, metadataName);

    /// <summary><see langword="true"/> for a class marked <c>[Session]</c>.</summary>
    public bool IsSessionClass(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || SessionAttribute.Symbol is null)
        {
            return false;
        }

        foreach (var attribute in named.GetAttributes())
        {
            if (SessionAttribute.Is(attribute.AttributeClass))
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
        type is not null && (Session.Is(type) || SessionFeature.Is(type) || IsSessionClass(type));

    /// <summary>
    /// <see langword="true"/> when <paramref name="type"/> is <paramref name="baseOrInterface"/>, derives from it or
    /// implements it.
    /// </summary>
    public static bool IsOrInherits(ITypeSymbol? type, KnownType baseOrInterface)
    {
        if (type is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (baseOrInterface.Is(current))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (baseOrInterface.Is(implemented))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method as declared: the static extension method for a call written in reduced form.</summary>
    public static IMethodSymbol Declared(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    /// <summary><see langword="true"/> when <paramref name="method"/> is declared by <paramref name="type"/>.</summary>
    public static bool IsDeclaredBy(IMethodSymbol method, KnownType type) => type.Is(Declared(method).ContainingType);
}
