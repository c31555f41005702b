using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TypedSession.Generator.Analyzers.Declarations;
using TypedSession.Generator.Analyzers.Pipeline;
using TypedSession.Generator.Analyzers.Security;
using TypedSession.Generator.Analyzers.Usage;

namespace TypedSession.Tests.Analyzers;

/// <summary>Every TypedSession analyzer together, over applications that are set up correctly: not one diagnostic.</summary>
public class CorrectProgramTests
{
    [Fact]
    public Task A_realistic_web_application_gets_no_diagnostic() =>
        RunAllAnalyzersAsync(OutputKind.ConsoleApplication, """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using TypedSession;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession(options =>
            {
                options.IdleTimeout = TimeSpan.FromMinutes(20);
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.IsEssential = true;
            });
            builder.Services.AddTypedSession<UserSession>();
            builder.Services.AddControllers();
            builder.Services.AddRazorPages();
            builder.Services.AddSingleton<Clock>();
            builder.Services.AddScoped<Greeter>();

            var app = builder.Build();
            app.UseStaticFiles();
            app.UseRouting();
            app.UseAuthorization();
            app.UseSession();
            app.UseMiddleware<VisitCounter>();
            app.Use(async (context, next) =>
            {
                context.Session.SetString("last-path", context.Request.Path);
                await next(context);
            });

            app.MapGet("/set-data", (UserSession session) =>
            {
                session.Username = "John";
                return "Data stored in session";
            });
            app.MapGet("/get-data", (UserSession session) => $"Username: {session.Username}");
            app.MapGet("/stream", async (HttpContext context, UserSession session) =>
            {
                session.IsLoggedIn = true;
                await context.Response.WriteAsync("hello");
                _ = session.Username;
            });
            app.MapControllers();
            app.MapRazorPages();
            app.Run();

            [Session]
            public partial class UserSession
            {
                public partial string? Username { get; set; }
                public partial string? Role { get; set; }
                public partial bool IsLoggedIn { get; set; }
                public bool IsAdmin => Role == "admin";
            }

            public class VisitCounter(RequestDelegate next, Clock clock)
            {
                public Task InvokeAsync(HttpContext context, UserSession session)
                {
                    context.Session.SetString("seen", clock.Now.ToString("O"));
                    return next(context);
                }
            }

            public class Clock
            {
                public DateTimeOffset Now => DateTimeOffset.UtcNow;
            }

            public class Greeter(UserSession session)
            {
                public string Greet() => $"Hello {session.Username}";
            }

            [ApiController]
            [Route("profile")]
            public class ProfileController(UserSession session) : ControllerBase
            {
                [HttpGet]
                public string Get() => session.Username ?? HttpContext.Session.GetString("Username") ?? "anonymous";
            }

            public class LoginModel(UserSession session) : PageModel
            {
                public void OnPost(string name)
                {
                    session.Username = name;
                    session.IsLoggedIn = true;
                }
            }

            public partial class Program;
            """);

    [Fact]
    public Task A_Startup_class_application_gets_no_diagnostic() =>
        RunAllAnalyzersAsync(OutputKind.DynamicallyLinkedLibrary, """
            using Microsoft.Extensions.Caching.Distributed;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSingleton<IDistributedCache, SqlBackedCache>();
                    services.AddSession();
                    services.Configure<SessionOptions>(configuration.GetSection("Session"));
                    services.AddControllersWithViews();
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment environment)
                {
                    if (environment.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    app.UseRouting();
                    app.UseSession();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapDefaultControllerRoute();
                        endpoints.MapGet("/visits", async context =>
                        {
                            var visits = (context.Session.GetInt32("visits") ?? 0) + 1;
                            context.Session.SetInt32("visits", visits);
                            await context.Response.WriteAsync(visits.ToString());
                        });
                    });
                }
            }

            public sealed class SqlBackedCache : IDistributedCache
            {
                public byte[]? Get(string key) => null;
                public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult<byte[]?>(null);
                public void Refresh(string key) { }
                public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;
                public void Remove(string key) { }
                public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
                public void Set(string key, byte[] value, DistributedCacheEntryOptions options) { }
                public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task The_README_quick_start_gets_no_diagnostic()
    {
        // Exactly the code a newcomer copies: the blocks of the README's Quick start, in the order a program needs them.
        var blocks = ReadmeCodeBlocks("## Quick start");
        Assert.Equal(2, blocks.Count);
        var declaration = blocks.Single(block => block.Contains("[Session]", StringComparison.Ordinal));
        var program = blocks.Single(block => block.Contains("WebApplication.CreateBuilder", StringComparison.Ordinal));
        var usings = string.Concat(declaration.Split('\n').Where(line => line.StartsWith("using ", StringComparison.Ordinal)).Select(line => line + "\n"));
        var body = string.Join('\n', declaration.Split('\n').Where(line => !line.StartsWith("using ", StringComparison.Ordinal)));
        return RunAllAnalyzersAsync(OutputKind.ConsoleApplication, usings + program + "\n" + body);
    }

    private static List<string> ReadmeCodeBlocks(string sectionHeading)
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(sectionHeading + " ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{sectionHeading}'.");
        var end = readme.IndexOf("\n## ", start + sectionHeading.Length, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var blocks = new List<string>();
        for (var open = section.IndexOf("```csharp\n", StringComparison.Ordinal); open >= 0; open = section.IndexOf("```csharp\n", open, StringComparison.Ordinal))
        {
            open += "```csharp\n".Length;
            var close = section.IndexOf("```", open, StringComparison.Ordinal);
            blocks.Add(section[open..close]);
            open = close + 3;
        }
        return blocks;
    }

    private static Task RunAllAnalyzersAsync(OutputKind outputKind, string source)
    {
        var test = new AllAnalyzersTest { TestState = { OutputKind = outputKind } };
        test.TestState.Sources.Add(("/0/Program.cs", source));
        return test.RunAsync();
    }

    /// <summary>Runs every analyzer of the generator assembly, with the session generator, as a build does.</summary>
    private sealed class AllAnalyzersTest : CSharpAnalyzerTest<PipelineOrderAnalyzer, DefaultVerifier>
    {
        public AllAnalyzersTest()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.Assemblies);
            TestState.Sources.Add(("/0/GlobalUsings.cs", TestReferences.WebGlobalUsings));
            SolutionTransforms.Add(TestCompilation.Configure);
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[]
        {
            new PipelineOrderAnalyzer(),
            new SessionRegistrationAnalyzer(),
            new ResponseStartedSessionWriteAnalyzer(),
            new SingletonSessionCaptureAnalyzer(),
            new SessionCookieAnalyzer(),
            new SessionDeclarationAnalyzer(),
        };

        protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(TypedSession.Generator.SessionGenerator) };
    }
}
