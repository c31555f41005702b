using Microsoft.CodeAnalysis;
using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Pipeline.SessionRegistrationAnalyzer>;

namespace TypedSession.Tests.Analyzers.Pipeline;

public class SessionRegistrationAnalyzerTests
{
    // SESS010

    [Fact]
    public Task Session_used_without_UseSession_is_reported_at_the_first_endpoint() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseStaticFiles();
            app.{|#0:MapGet("/", (HttpContext context) => {|#1:context.Session|}.GetString("name"))|};
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UseSessionMissing).WithLocation(0).WithLocation(1).WithArguments("HttpContext.Session", "app"));

    [Fact]
    public Task A_session_class_without_UseSession_is_reported_in_a_Startup_class() =>
        Verify.VerifyLibraryAsync("""
            using TypedSession;

            [Session]
            public partial class {|#1:CartSession|} { }

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddDistributedMemoryCache();
                    services.AddSession();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|#0:UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"))|};
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UseSessionMissing).WithLocation(0).WithLocation(1).WithArguments("the [Session] class 'CartSession'", "app"));

    [Fact]
    public Task UseSession_in_the_pipeline_satisfies_SESS010() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseSession();
            app.MapGet("/", (HttpContext context) => context.Session.GetString("name"));
            app.Run();
            """);

    [Fact]
    public Task A_conditional_UseSession_satisfies_SESS010() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();
            if (!app.Environment.IsEnvironment("Batch"))
            {
                app.UseSession();
            }

            app.MapGet("/", (HttpContext context) => context.Session.GetString("name"));
            app.Run();
            """);

    [Fact]
    public Task An_app_that_never_uses_the_session_needs_no_UseSession() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/", () => "hi");
            app.Run();
            """);

    [Fact]
    public Task A_library_without_a_pipeline_is_not_told_to_call_UseSession() =>
        Verify.VerifyLibraryAsync("""
            public static class CartEndpoints
            {
                public static string? CurrentCart(HttpContext context) => context.Session.GetString("cart");

                public static IApplicationBuilder UseCartHeader(this IApplicationBuilder app) =>
                    app.Use(async (context, next) => { context.Response.Headers["X-Cart"] = context.Session.GetString("cart"); await next(context); });
            }
            """);

    // SESS013

    [Fact]
    public Task UseSession_without_AddSession_is_reported_with_the_place_to_add_it() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            var app = {|#1:builder.Build()|};
            app.{|#0:UseSession()|};
            app.MapGet("/", (HttpContext context) => context.Session.GetString("name") ?? "none");
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.AddSessionMissing).WithLocation(0).WithLocation(1));

    [Fact]
    public Task UseSession_without_AddSession_in_Startup_points_at_ConfigureServices() =>
        Verify.VerifyLibraryAsync("""
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {|#1:{
                    services.AddDistributedMemoryCache();
                }|}

                public void Configure(IApplicationBuilder app)
                {
                    app.{|#0:UseSession()|};
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.AddSessionMissing).WithLocation(0).WithLocation(1));

    [Fact]
    public Task AddSession_anywhere_satisfies_SESS013() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddDistributedMemoryCache().AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(5));
            }

            var app = builder.Build();
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task AddTypedSession_registers_what_UseSession_needs() =>
        Verify.VerifyProgramAsync("""
            using TypedSession;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSession<CartSession>();
            var app = builder.Build();
            app.UseSession();
            app.Run();

            [Session]
            public partial class CartSession : ITypedSession<CartSession>
            {
                public static CartSession Create(ISession session) => new();
            }
            """);

    // SESS014

    [Fact]
    public Task AddSession_without_a_cache_is_reported() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddSession()|};
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.DistributedCacheMissing).WithLocation(0));

    [Fact]
    public Task AddMemoryCache_is_not_a_distributed_cache() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMemoryCache();
            builder.Services.AddOutputCache();
            builder.Services.{|#0:AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(30))|};
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.DistributedCacheMissing).WithLocation(0));

    [Fact]
    public Task AddDistributedMemoryCache_satisfies_SESS014() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession();
            builder.Services.AddDistributedMemoryCache();
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task A_cache_registered_by_its_interface_satisfies_SESS014() =>
        Verify.VerifyLibraryAsync("""
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Options;

            public static class Services
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddSession();
                    services.AddSingleton<IDistributedCache>(_ => new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
                }
            }
            """);

    [Fact]
    public Task An_unknown_cache_registration_silences_SESS014() =>
        Verify.VerifyLibraryAsync("""
            public static class Services
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddSession();
                    services.AddCompanyRedisCache("redis:6379");
                }

                private static IServiceCollection AddCompanyRedisCache(this IServiceCollection services, string endpoint) => services;
            }
            """);

    [Fact]
    public Task AddTypedSession_brings_its_own_cache() =>
        Verify.VerifyProgramAsync("""
            using TypedSession;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession();
            builder.Services.AddTypedSession<CartSession>();
            var app = builder.Build();
            app.UseSession();
            app.Run();

            [Session]
            public partial class CartSession : ITypedSession<CartSession>
            {
                public static CartSession Create(ISession session) => new();
            }
            """);

    // Set-up split across types

    [Fact]
    public Task Services_registered_by_the_host_builder_in_Program_satisfy_a_Startup_class() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                public static class Program
                {
                    public static void Main(string[] args) =>
                        Host.CreateDefaultBuilder(args)
                            .ConfigureServices(services => services.AddDistributedMemoryCache().AddSession())
                            .ConfigureWebHostDefaults(web => web.UseStartup<Startup>())
                            .Build()
                            .Run();
                }
                """,
                """
                public class Startup
                {
                    public void Configure(IApplicationBuilder app)
                    {
                        app.UseSession();
                        app.Run(context => context.Response.WriteAsync(context.Session.Id));
                    }
                }
                """,
            },
            OutputKind.ConsoleApplication);

    [Fact]
    public Task UseSession_in_a_pipeline_helper_of_another_type_satisfies_SESS010() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddDistributedMemoryCache();
                builder.Services.AddSession();
                var app = builder.Build();
                app.UseShopPipeline();
                app.MapGet("/", (HttpContext context) => context.Session.GetString("name"));
                app.Run();
                """,
                """
                public static class ShopPipeline
                {
                    public static WebApplication UseShopPipeline(this WebApplication app)
                    {
                        app.UseStaticFiles();
                        app.UseSession();
                        return app;
                    }
                }
                """,
            },
            OutputKind.ConsoleApplication);

    [Fact]
    public Task Cache_words_that_register_nothing_do_not_silence_SESS014() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddOutputCache();
                builder.Services.{|#0:AddSession()|};
                var app = builder.Build();
                app.UseOutputCache();
                app.UseSession();
                app.Run();

                public partial class Program;
                """,
                """
                public class PriceList
                {
                    private readonly Dictionary<string, decimal> _cache = new();
                    public decimal? CachedPrice(string sku) => _cache.TryGetValue(sku, out var price) ? price : null;
                }
                """,
            },
            OutputKind.ConsoleApplication,
            Verify.Diagnostic(DiagnosticDescriptors.DistributedCacheMissing).WithLocation(0));

    [Fact]
    public Task A_cache_registered_in_another_file_silences_SESS014() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSession();
                builder.Services.AddInfrastructure();
                var app = builder.Build();
                app.UseSession();
                app.Run();
                """,
                """
                public static class Infrastructure
                {
                    public static IServiceCollection AddInfrastructure(this IServiceCollection services) =>
                        services.AddCompanyRedisCache("redis:6379");

                    private static IServiceCollection AddCompanyRedisCache(this IServiceCollection services, string endpoint) => services;
                }
                """,
            },
            OutputKind.ConsoleApplication);
}
