using TypedSession.Generator;
using Verify = TypedSession.Tests.Analyzers.AnalyzerVerifier<TypedSession.Generator.Analyzers.Security.SessionCookieAnalyzer>;

namespace TypedSession.Tests.Analyzers.Security;

public class SessionCookieAnalyzerTests
{
    // SESS030

    [Fact]
    public Task AddSession_with_the_default_cookie_policy_is_reported() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.{|#0:AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes(10))|};
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCookieNotSecure).WithLocation(0).WithArguments("left at its default, CookieSecurePolicy.None"));

    [Fact]
    public Task A_SecurePolicy_other_than_Always_is_reported() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession(options => {|#0:options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|});
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCookieNotSecure).WithLocation(0).WithArguments("CookieSecurePolicy.SameAsRequest"));

    [Fact]
    public Task SecurePolicy_Always_is_not_reported() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession(options =>
            {
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.HttpOnly = true;
                options.Cookie.MaxAge = TimeSpan.FromDays(1);
            });
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task A_policy_chosen_per_environment_is_not_reported() =>
        Verify.VerifyProgramAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession(options =>
                options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """);

    [Fact]
    public Task Options_bound_from_configuration_or_a_cookie_policy_silence_the_default_case() =>
        Verify.VerifyLibraryAsync("""
            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSession();
                    services.Configure<SessionOptions>(configuration.GetSection("Session"));
                }
            }

            public class OtherStartup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSession();
                    services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);
                }
            }
            """);

    [Fact]
    public Task Options_configured_in_another_file_silence_the_default_case() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                public static class Services
                {
                    public static void Add(IServiceCollection services) => services.AddSession();
                }
                """,
                """
                public static class SessionCookie
                {
                    public static void Harden(IServiceCollection services) =>
                        services.PostConfigure<SessionOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
                }
                """,
            },
            Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);

    // SESS031

    [Fact]
    public Task HttpOnly_false_is_reported() =>
        Verify.VerifyLibraryAsync("""
            public static class Services
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(options =>
                    {
                        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                        {|#0:options.Cookie.HttpOnly = false|};
                    });
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCookieNotHttpOnly).WithLocation(0));

    [Fact]
    public Task HttpOnly_false_on_another_cookie_is_not_reported() =>
        Verify.VerifyLibraryAsync("""
            public static class Services
            {
                public static void Add(CookieBuilder themeCookie, SessionOptions options)
                {
                    themeCookie.HttpOnly = false;
                    options.Cookie.HttpOnly = true;
                }
            }
            """);

    // SESS032

    [Fact]
    public Task Setting_the_session_cookie_expiration_is_reported() =>
        Verify.VerifyLibraryAsync("""
            public static class Services
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(options =>
                    {
                        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                        {|#0:options.Cookie.Expiration = TimeSpan.FromDays(14)|};
                    });
            }
            """,
            Verify.Diagnostic(DiagnosticDescriptors.SessionCookieExpirationSet).WithLocation(0));

    [Fact]
    public Task Expiration_of_an_authentication_cookie_is_not_reported() =>
        Verify.VerifyLibraryAsync("""
            public static class Services
            {
                public static void Add(CookieBuilder authenticationCookie, SessionOptions options)
                {
                    authenticationCookie.Expiration = TimeSpan.FromDays(14);
                    options.IdleTimeout = TimeSpan.FromDays(14);
                    options.Cookie.MaxAge = TimeSpan.FromDays(14);
                }
            }
            """);
}
