using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Usage.SingletonSessionCaptureAnalyzer>;

namespace TypedSession.Tests.Analyzers.Usage;

public class SingletonSessionCaptureAnalyzerTests
{
    private const string CartSession = """

        [TypedSession.Session]
        public partial class CartSession
        {
            public int Items { get; set; }
        }
        """;

    [Fact]
    public Task A_conventional_middleware_constructor_taking_the_session_class_is_reported() =>
        Verify.VerifyLibraryAsync("""
            public class CartMiddleware(RequestDelegate next, CartSession {|#0:cart|})
            {
                public Task InvokeAsync(HttpContext context) => next(context);
            }
            """ + CartSession,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCapturedBySingleton).WithLocation(0).WithArguments("CartSession", "the conventional middleware 'CartMiddleware'"));

    [Fact]
    public Task InvokeAsync_taking_the_session_class_is_the_right_way() =>
        Verify.VerifyLibraryAsync("""
            public class CartMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context, CartSession cart) => next(context);
            }

            public class FactoryMiddleware(CartSession cart) : IMiddleware
            {
                public Task InvokeAsync(HttpContext context, RequestDelegate next) => next(context);
            }
            """ + CartSession);

    [Fact]
    public Task A_hosted_service_taking_the_session_class_is_reported() =>
        Verify.VerifyLibraryAsync("""
            public class CartSweeper(CartSession {|#0:cart|}) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """ + CartSession,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCapturedBySingleton).WithLocation(0).WithArguments("CartSession", "the hosted service 'CartSweeper'"));

    [Fact]
    public Task Singleton_registrations_that_capture_the_session_class_are_reported() =>
        Verify.VerifyLibraryAsync("""
            using Microsoft.Extensions.DependencyInjection.Extensions;

            public interface IPricing { }
            public class Pricing(CartSession cart) : IPricing { }

            public static class Registrations
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|#0:AddSingleton<IPricing, Pricing>()|};
                    services.{|#1:TryAddSingleton(typeof(Pricing))|};
                    services.{|#2:AddSingleton<CartSession>()|};
                    services.{|#3:AddSingleton<IPricing>(provider => new Pricing(provider.GetRequiredService<CartSession>()))|};
                }
            }
            """ + CartSession,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCapturedBySingleton).WithLocation(0).WithArguments("CartSession", "'Pricing', registered as a singleton"),
            Verify.Diagnostic(DiagnosticDescriptors.SessionCapturedBySingleton).WithLocation(1).WithArguments("CartSession", "'Pricing', registered as a singleton"),
            Verify.Diagnostic(DiagnosticDescriptors.SessionCapturedBySingleton).WithLocation(2).WithArguments("CartSession", "a singleton registration of itself"),
            Verify.Diagnostic(DiagnosticDescriptors.SessionCapturedBySingleton).WithLocation(3).WithArguments("CartSession", "a singleton factory"));

    [Fact]
    public Task Scoped_and_transient_registrations_are_fine() =>
        Verify.VerifyLibraryAsync("""
            public interface IPricing { }
            public class Pricing(CartSession cart) : IPricing { }
            public class Clock { }

            public static class Registrations
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddScoped<IPricing, Pricing>();
                    services.AddTransient<Pricing>();
                    services.AddSingleton<Clock>();
                }
            }
            """ + CartSession);
}
