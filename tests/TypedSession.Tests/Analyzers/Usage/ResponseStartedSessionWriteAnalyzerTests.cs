using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Usage.ResponseStartedSessionWriteAnalyzer>;

namespace TypedSession.Tests.Analyzers.Usage;

public class ResponseStartedSessionWriteAnalyzerTests
{
    private const string CartSession = """

        [TypedSession.Session]
        public partial class CartSession
        {
            public int Items { get; set; }
            public string? Owner { get; set; }
        }
        """;

    [Fact]
    public Task A_session_class_property_written_after_WriteAsync_is_reported() =>
        Verify.VerifyProgramAsync("""
            var app = WebApplication.Create(args);
            app.MapGet("/add", async (HttpContext context, CartSession cart) =>
            {
                await {|#1:context.Response.WriteAsync("added")|};
                {|#0:cart.Items++|};
            });
            app.Run();
            """ + CartSession,
            Verify.Diagnostic(DiagnosticDescriptors.SessionWrittenAfterResponseStarted).WithLocation(0).WithLocation(1).WithArguments("WriteAsync"));

    [Fact]
    public Task SetString_after_StartAsync_in_a_middleware_class_is_reported() =>
        Verify.VerifyLibraryAsync("""
            public class StampMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    await next(context);
                    await {|#1:context.Response.StartAsync()|};
                    {|#0:context.Session.SetString("last", DateTime.UtcNow.ToString("O"))|};
                }
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionWrittenAfterResponseStarted).WithLocation(0).WithLocation(1).WithArguments("StartAsync"));

    [Fact]
    public Task Writing_the_session_before_the_response_is_not_reported() =>
        Verify.VerifyProgramAsync("""
            var app = WebApplication.Create(args);
            app.MapGet("/add", async (HttpContext context, CartSession cart) =>
            {
                cart.Items++;
                context.Session.SetString("seen", "yes");
                await context.Response.WriteAsJsonAsync(new { cart.Items });
                _ = cart.Owner;
            });
            app.Run();
            """ + CartSession);

    [Fact]
    public Task A_response_started_only_in_a_branch_is_left_alone() =>
        Verify.VerifyProgramAsync("""
            var app = WebApplication.Create(args);
            app.MapGet("/add", async (HttpContext context, CartSession cart) =>
            {
                if (cart.Items > 10)
                {
                    await context.Response.WriteAsync("full");
                }

                cart.Items++;
            });
            app.Run();
            """ + CartSession);

    [Fact]
    public Task A_write_in_a_callback_runs_elsewhere_and_is_not_reported() =>
        Verify.VerifyLibraryAsync("""
            public static class Handlers
            {
                public static async Task Handle(HttpContext context)
                {
                    await context.Response.WriteAsync("hello");
                    context.Response.OnCompleted(() => Task.CompletedTask);
                    Action later = () => context.Session.Remove("x");
                }
            }
            """);
}
