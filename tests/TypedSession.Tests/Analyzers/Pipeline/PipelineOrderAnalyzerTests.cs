using Microsoft.CodeAnalysis;
using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Pipeline.PipelineOrderAnalyzer>;

namespace TypedSession.Tests.Analyzers.Pipeline;

public class PipelineOrderAnalyzerTests
{
    private const string ProgramStart = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSession();
        var app = builder.Build();

        """;

    [Fact]
    public Task Inline_middleware_reading_the_session_before_UseSession_is_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.{|#0:Use(async (context, next) =>
            {
                context.Session.SetString("seen", "yes");
                await next(context);
            })|};
            app.{|#1:UseSession()|};
            app.MapGet("/", () => "hi");
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("Use(...)"));

    [Fact]
    public Task Inline_middleware_after_UseSession_is_not_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.UseSession();
            app.Use(async (context, next) =>
            {
                context.Session.SetString("seen", "yes");
                await next(context);
            });
            app.MapGet("/", () => "hi");
            app.Run();
            """);

    [Fact]
    public Task Middleware_that_does_not_touch_the_session_may_come_first() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.Use(async (context, next) =>
            {
                context.Response.Headers["X-Frame-Options"] = "DENY";
                await next(context);
            });
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task Chained_middleware_before_UseSession_is_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.UseStaticFiles()
               .{|#0:Use(async (context, next) => { _ = context.Session.Id; await next(context); })|}
               .{|#1:UseSession()|};
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("Use(...)"));

    [Fact]
    public Task Chained_middleware_after_UseSession_is_not_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.UseStaticFiles()
               .UseSession()
               .Use(async (context, next) => { _ = context.Session.Id; await next(context); });
            app.Run();
            """);

    [Fact]
    public Task Middleware_registered_inside_an_if_is_left_alone() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            if (app.Environment.IsDevelopment())
            {
                app.Use(async (context, next) => { _ = context.Session.Id; await next(context); });
            }

            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task A_conditional_UseSession_before_the_middleware_silences_the_order_check() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            if (args.Length == 0)
            {
                app.UseSession();
            }

            app.Use(async (context, next) => { _ = context.Session.Id; await next(context); });
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task A_branch_that_uses_the_session_before_UseSession_is_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.{|#0:Map("/cart", branch => branch.Run(async context => await context.Response.WriteAsync(context.Session.GetString("cart") ?? "")))|};
            app.{|#1:UseSession()|};
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("Map(...)"));

    [Fact]
    public Task A_branch_with_its_own_UseSession_is_not_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.Map("/cart", branch =>
            {
                branch.UseSession();
                branch.Run(async context => await context.Response.WriteAsync(context.Session.GetString("cart") ?? ""));
            });
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task Endpoints_mapped_before_UseSession_on_WebApplication_are_not_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.MapGet("/", (HttpContext context) => context.Session.GetString("name"));
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task Conventional_middleware_class_in_the_same_file_is_reported_in_Startup() =>
        Verify.VerifyLibraryAsync("""
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
                    app.{|#0:UseMiddleware<CartCounterMiddleware>()|};
                    app.{|#1:UseSession()|};
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"));
                }
            }

            public class CartCounterMiddleware
            {
                private readonly RequestDelegate _next;

                public CartCounterMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    context.Session.SetInt32("visits", (context.Session.GetInt32("visits") ?? 0) + 1);
                    return _next(context);
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("UseMiddleware<CartCounterMiddleware>()"));

    [Fact]
    public Task Conventional_middleware_class_in_another_file_is_reported() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                public class Startup
                {
                    public void Configure(IApplicationBuilder app)
                    {
                        app.{|#0:UseMiddleware<CartCounterMiddleware>()|};
                        app.{|#1:UseSession()|};
                    }
                }
                """,
                """
                public class CartCounterMiddleware(RequestDelegate next)
                {
                    public Task InvokeAsync(HttpContext context)
                    {
                        context.Session.SetInt32("visits", 1);
                        return next(context);
                    }
                }
                """,
            },
            OutputKind.DynamicallyLinkedLibrary,
            Verify.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("UseMiddleware<CartCounterMiddleware>()"));

    [Fact]
    public Task Middleware_class_in_another_file_that_ignores_the_session_is_not_reported() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                public class Startup
                {
                    public void Configure(IApplicationBuilder app)
                    {
                        app.UseMiddleware<TimingMiddleware>();
                        app.UseSession();
                    }
                }
                """,
                """
                public class TimingMiddleware(RequestDelegate next)
                {
                    public async Task InvokeAsync(HttpContext context)
                    {
                        var started = DateTime.UtcNow;
                        await next(context);
                        context.Items["elapsed"] = DateTime.UtcNow - started;
                    }
                }
                """,
            },
            OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public Task Middleware_taking_a_session_class_in_InvokeAsync_is_reported() =>
        Verify.VerifyLibraryAsync("""
            using TypedSession;

            [Session]
            public partial class CartSession { }

            public class CartMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context, CartSession cart) => next(context);
            }

            public static class Pipeline
            {
                public static void Configure(IApplicationBuilder app)
                {
                    app.{|#0:UseMiddleware(typeof(CartMiddleware))|};
                    app.{|#1:UseSession()|};
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.MiddlewareBeforeUseSession).WithLocation(0).WithLocation(1).WithLocation(0).WithArguments("UseMiddleware(...)"));

    [Fact]
    public Task UseSession_after_UseEndpoints_in_Startup_is_reported() =>
        Verify.VerifyLibraryAsync("""
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
            Verify.Diagnostic(DiagnosticDescriptors.UseSessionAfterTerminal).WithLocation(0).WithLocation(1).WithArguments("UseEndpoints(...)"));

    [Fact]
    public Task UseSession_before_UseEndpoints_is_not_reported() =>
        Verify.VerifyLibraryAsync("""
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseSession();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"));
                }
            }
            """);

    [Fact]
    public Task UseSession_after_a_terminal_Run_is_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            app.{|#1:Run(context => context.Response.WriteAsync("hello"))|};
            app.{|#0:UseSession()|};
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UseSessionAfterTerminal).WithLocation(0).WithLocation(1).WithArguments("Run(...)"));

    [Fact]
    public Task UseSession_after_the_server_started_is_reported() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            await app.{|#1:StartAsync()|};
            app.{|#0:UseSession()|};
            await app.WaitForShutdownAsync();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UseSessionAfterTerminal).WithLocation(0).WithLocation(1).WithArguments("StartAsync()"));

    [Fact]
    public Task UseSession_chained_after_UseEndpoints_is_reported() =>
        Verify.VerifyLibraryAsync("""
            public class Startup
            {
                public void Configure(IApplicationBuilder app) =>
                    app.UseRouting().{|#1:UseEndpoints(endpoints => { })|}.{|#0:UseSession()|};
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.UseSessionAfterTerminal).WithLocation(0).WithLocation(1).WithArguments("UseEndpoints(...)"));

    [Fact]
    public Task A_terminal_Run_inside_an_if_is_left_alone() =>
        Verify.VerifyProgramAsync(ProgramStart + """
            if (args.Contains("--maintenance"))
            {
                app.Run(context => context.Response.WriteAsync("down for maintenance"));
            }

            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task Separate_builders_are_not_compared() =>
        Verify.VerifyLibraryAsync("""
            public static class Pipelines
            {
                public static void Configure(IApplicationBuilder first, IApplicationBuilder second)
                {
                    first.Run(context => context.Response.WriteAsync("first"));
                    second.UseSession();
                }
            }
            """);
}
