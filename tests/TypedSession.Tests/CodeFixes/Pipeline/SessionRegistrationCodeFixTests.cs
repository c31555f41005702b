using Microsoft.CodeAnalysis;
using TypedSession.Generator;
using AddSessionFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Pipeline.SessionRegistrationAnalyzer,
    TypedSession.CodeFixes.Pipeline.InsertAddSessionCodeFixProvider>;
using CacheFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Pipeline.SessionRegistrationAnalyzer,
    TypedSession.CodeFixes.Pipeline.AddDistributedMemoryCacheCodeFixProvider>;
using UseSessionFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Pipeline.SessionRegistrationAnalyzer,
    TypedSession.CodeFixes.Pipeline.InsertUseSessionCodeFixProvider>;

namespace TypedSession.Tests.CodeFixes.Pipeline;

public class SessionRegistrationCodeFixTests
{
    [Fact]
    public Task UseSession_is_inserted_before_the_first_endpoint() =>
        UseSessionFix.VerifyProgramAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseRouting();
            app.UseAuthorization();
            app.{|#0:MapGet("/", (HttpContext context) => {|#1:context.Session|}.GetString("name"))|};
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseRouting();
            app.UseAuthorization();
            app.UseSession();
            app.MapGet("/", (HttpContext context) => context.Session.GetString("name"));
            app.Run();
            """,
            UseSessionFix.Diagnostic(DiagnosticDescriptors.UseSessionMissing).WithLocation(0).WithLocation(1).WithArguments("HttpContext.Session", "app"));

    [Fact]
    public Task UseSession_is_inserted_in_Startup_Configure_before_UseEndpoints() =>
        UseSessionFix.VerifyLibraryAsync(
            """
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddDistributedMemoryCache().AddSession();

                public void Configure(IApplicationBuilder application)
                {
                    application.UseRouting();
                    application.{|#0:UseEndpoints(endpoints => endpoints.MapGet("/", (HttpContext context) => {|#1:context.Session|}.Id))|};
                }
            }
            """,
            """
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddDistributedMemoryCache().AddSession();

                public void Configure(IApplicationBuilder application)
                {
                    application.UseRouting();
                    application.UseSession();
                    application.UseEndpoints(endpoints => endpoints.MapGet("/", (HttpContext context) => context.Session.Id));
                }
            }
            """,
            UseSessionFix.Diagnostic(DiagnosticDescriptors.UseSessionMissing).WithLocation(0).WithLocation(1).WithArguments("HttpContext.Session", "application"));

    [Fact]
    public Task AddSession_is_inserted_before_Build() =>
        AddSessionFix.VerifyProgramAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();

            var app = {|#1:builder.Build()|};
            app.{|#0:UseSession()|};
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();

            builder.Services.AddSession();
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            AddSessionFix.Diagnostic(DiagnosticDescriptors.AddSessionMissing).WithLocation(0).WithLocation(1));

    [Fact]
    public Task AddSession_is_appended_to_ConfigureServices() =>
        AddSessionFix.VerifyLibraryAsync(
            """
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
            """
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddDistributedMemoryCache();
                    services.AddSession();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseSession();
                }
            }
            """,
            AddSessionFix.Diagnostic(DiagnosticDescriptors.AddSessionMissing).WithLocation(0).WithLocation(1));

    [Fact]
    public Task A_distributed_memory_cache_is_added_before_AddSession() =>
        CacheFix.VerifyProgramAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(30))|};
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(30));
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            CacheFix.Diagnostic(DiagnosticDescriptors.DistributedCacheMissing).WithLocation(0));

    [Fact]
    public Task A_distributed_memory_cache_joins_a_chain_it_cannot_precede() =>
        CacheFix.VerifyLibraryAsync(
            """
            public static class Services
            {
                public static IServiceCollection Configure(IServiceCollection services) =>
                    services.AddRouting().{|#0:AddSession()|};
            }
            """,
            """
            public static class Services
            {
                public static IServiceCollection Configure(IServiceCollection services) =>
                    services.AddRouting().AddDistributedMemoryCache().AddSession();
            }
            """,
            CacheFix.Diagnostic(DiagnosticDescriptors.DistributedCacheMissing).WithLocation(0));

    [Fact]
    public Task The_using_directive_is_added_when_the_namespace_is_not_imported()
    {
        var test = new CodeFixVerifier<TypedSession.Generator.Analyzers.Pipeline.SessionRegistrationAnalyzer, TypedSession.CodeFixes.Pipeline.InsertUseSessionCodeFixProvider>.Test
        {
            TestState = { OutputKind = OutputKind.DynamicallyLinkedLibrary },
            FixedState = { OutputKind = OutputKind.DynamicallyLinkedLibrary },
        };

        // No web global usings: the sources import only what they use.
        test.TestState.Sources.Clear();
        test.FixedState.Sources.Clear();
        test.TestState.Sources.Add(("/0/Startup.cs", """
            namespace Shop
            {
                public class Startup
                {
                    public void Configure(Microsoft.AspNetCore.Builder.IApplicationBuilder app)
                    {
                        Microsoft.AspNetCore.Builder.RunExtensions.{|#0:Run(app, context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, {|#1:context.Session|}.Id))|};
                    }
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Startup.cs", """
            using Microsoft.AspNetCore.Builder;

            namespace Shop
            {
                public class Startup
                {
                    public void Configure(Microsoft.AspNetCore.Builder.IApplicationBuilder app)
                    {
                        app.UseSession();
                        Microsoft.AspNetCore.Builder.RunExtensions.Run(app, context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, context.Session.Id));
                    }
                }
            }
            """));
        test.ExpectedDiagnostics.Add(UseSessionFix.Diagnostic(DiagnosticDescriptors.UseSessionMissing).WithLocation(0).WithLocation(1).WithArguments("HttpContext.Session", "app"));

        // The fixed pipeline still lacks AddSession(): SESS013 takes over, as it should.
        test.FixedState.ExpectedDiagnostics.Add(UseSessionFix.Diagnostic(DiagnosticDescriptors.AddSessionMissing).WithSpan("/0/Startup.cs", 9, 17, 9, 29));
        return test.RunAsync();
    }
}
