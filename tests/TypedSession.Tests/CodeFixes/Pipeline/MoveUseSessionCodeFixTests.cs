using TypedSession.CodeFixes.Pipeline;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Pipeline;
using MiddlewareFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Pipeline.PipelineOrderAnalyzer,
    TypedSession.CodeFixes.Pipeline.MoveUseSessionBeforeMiddlewareCodeFixProvider>;
using TerminalFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Pipeline.PipelineOrderAnalyzer,
    TypedSession.CodeFixes.Pipeline.MoveUseSessionBeforeTerminalCodeFixProvider>;

namespace TypedSession.Tests.CodeFixes.Pipeline;

public class MoveUseSessionCodeFixTests
{
    [Fact]
    public Task UseSession_moves_before_the_first_middleware_that_uses_the_session() =>
        MiddlewareFix.VerifyProgramAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();

            app.UseStaticFiles();
            app.{|#0:Use(async (context, next) => { context.Session.SetString("a", "1"); await next(context); })|};
            app.{|#2:Use(async (context, next) => { _ = context.Session.GetString("a"); await next(context); })|};
            app.{|#1:UseSession()|};
            app.MapGet("/", () => "hi");
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();

            app.UseStaticFiles();
            app.UseSession();
            app.Use(async (context, next) => { context.Session.SetString("a", "1"); await next(context); });
            app.Use(async (context, next) => { _ = context.Session.GetString("a"); await next(context); });
            app.MapGet("/", () => "hi");
            app.Run();
            """,
            MiddlewareFix.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("Use(...)"),
            MiddlewareFix.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(2).WithLocation(1).WithLocation(0).WithArguments("Use(...)"));

    [Fact]
    public Task UseSession_moves_inside_a_Startup_Configure_method() =>
        MiddlewareFix.VerifyLibraryAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|#0:UseMiddleware<VisitCounter>()|};
                    app.{|#1:UseSession()|};
                }
            }

            public class VisitCounter(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context)
                {
                    context.Session.SetInt32("visits", (context.Session.GetInt32("visits") ?? 0) + 1);
                    return next(context);
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseSession();
                    app.UseMiddleware<VisitCounter>();
                }
            }

            public class VisitCounter(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context)
                {
                    context.Session.SetInt32("visits", (context.Session.GetInt32("visits") ?? 0) + 1);
                    return next(context);
                }
            }
            """,
            MiddlewareFix.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("UseMiddleware<VisitCounter>()"));

    [Fact]
    public Task UseSession_moves_before_UseEndpoints() =>
        TerminalFix.VerifyLibraryAsync(
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|#1:UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"))|};

                    app.{|#0:UseSession()|};
                }
            }
            """,
            """
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseSession();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"));
                }
            }
            """,
            TerminalFix.Diagnostic(DiagnosticDescriptors.UseSessionAfterTerminal).WithLocation(0).WithLocation(1).WithArguments("UseEndpoints(...)"));

    [Fact]
    public async Task A_chained_UseSession_gets_no_move()
    {
        var test = new CodeFixVerifier<PipelineOrderAnalyzer, MoveUseSessionBeforeTerminalCodeFixProvider>.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Program.cs", """
                    public class Startup
                    {
                        public void Configure(IApplicationBuilder app) =>
                            app.UseRouting().{|#1:UseEndpoints(endpoints => { })|}.{|#0:UseSession()|};
                    }
                    """),
                },
                ExpectedDiagnostics =
                {
                    TerminalFix.Diagnostic(DiagnosticDescriptors.UseSessionAfterTerminal).WithLocation(0).WithLocation(1).WithArguments("UseEndpoints(...)"),
                },
            },
        };
        test.FixedState.InheritanceMode = Microsoft.CodeAnalysis.Testing.StateInheritanceMode.AutoInheritAll;
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        test.FixedState.Sources.Clear();
        await test.RunAsync();
    }
}
