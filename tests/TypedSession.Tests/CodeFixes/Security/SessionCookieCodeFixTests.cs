using TypedSession.Generator;
using HttpOnlyFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Security.SessionCookieAnalyzer,
    TypedSession.CodeFixes.Security.RestoreHttpOnlySessionCookieCodeFixProvider>;
using MaxAgeFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Security.SessionCookieAnalyzer,
    TypedSession.CodeFixes.Security.UseMaxAgeForSessionCookieCodeFixProvider>;
using SecureFix = TypedSession.Tests.CodeFixes.CodeFixVerifier<
    TypedSession.Generator.Analyzers.Security.SessionCookieAnalyzer,
    TypedSession.CodeFixes.Security.RequireSecureSessionCookieCodeFixProvider>;

namespace TypedSession.Tests.CodeFixes.Security;

public class SessionCookieCodeFixTests
{
    [Fact]
    public Task AddSession_without_options_gets_an_Always_policy() =>
        SecureFix.VerifyLibraryAsync(
            """
            public static class Services
            {
                public static void Add(IServiceCollection services) => services.{|#0:AddSession()|};
            }
            """,
            """
            public static class Services
            {
                public static void Add(IServiceCollection services) => services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
            """,
            SecureFix.Diagnostic(DiagnosticDescriptors.SessionCookieNotSecure).WithLocation(0).WithArguments("left at its default, CookieSecurePolicy.None"));

    [Fact]
    public Task Options_with_a_block_get_the_policy_as_their_last_statement() =>
        SecureFix.VerifyLibraryAsync(
            """
            public static class Services
            {
                public static void Add(IServiceCollection services)
                {
                    services.{|#0:AddSession(options =>
                    {
                        options.IdleTimeout = TimeSpan.FromMinutes(10);
                    })|};
                }
            }
            """,
            """
            public static class Services
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSession(options =>
                    {
                        options.IdleTimeout = TimeSpan.FromMinutes(10);
                        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    });
                }
            }
            """,
            SecureFix.Diagnostic(DiagnosticDescriptors.SessionCookieNotSecure).WithLocation(0).WithArguments("left at its default, CookieSecurePolicy.None"));

    [Fact]
    public Task A_weaker_policy_is_replaced_by_Always() =>
        SecureFix.VerifyLibraryAsync(
            """
            public static class Services
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(options => {|#0:options.Cookie.SecurePolicy = CookieSecurePolicy.None|});
            }
            """,
            """
            public static class Services
            {
                public static void Add(IServiceCollection services) =>
                    services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
            """,
            SecureFix.Diagnostic(DiagnosticDescriptors.SessionCookieNotSecure).WithLocation(0).WithArguments("CookieSecurePolicy.None"));

    [Fact]
    public Task HttpOnly_is_set_back_to_true() =>
        HttpOnlyFix.VerifyLibraryAsync(
            """
            public static class Services
            {
                public static void Add(SessionOptions options)
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    {|#0:options.Cookie.HttpOnly = false|};
                }
            }
            """,
            """
            public static class Services
            {
                public static void Add(SessionOptions options)
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    options.Cookie.HttpOnly = true;
                }
            }
            """,
            HttpOnlyFix.Diagnostic(DiagnosticDescriptors.SessionCookieNotHttpOnly).WithLocation(0));

    [Fact]
    public Task Expiration_becomes_MaxAge() =>
        MaxAgeFix.VerifyLibraryAsync(
            """
            public static class Services
            {
                public static void Add(SessionOptions options) => {|#0:options.Cookie.Expiration = TimeSpan.FromDays(7)|};
            }
            """,
            """
            public static class Services
            {
                public static void Add(SessionOptions options) => options.Cookie.MaxAge = TimeSpan.FromDays(7);
            }
            """,
            MaxAgeFix.Diagnostic(DiagnosticDescriptors.SessionCookieExpirationSet).WithLocation(0));
}
