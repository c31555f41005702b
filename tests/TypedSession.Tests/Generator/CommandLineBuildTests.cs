using TypedSession.Tests.Packaging;

namespace TypedSession.Tests.Generator;

/// <summary>
/// What a user sees from <c>dotnet build</c> of a small project that consumes the packed package: generated code that
/// never warns, and the declaration diagnostics that the compiler's own errors would otherwise hide.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class CommandLineBuildTests
{
    private readonly PackageConsumptionTests.PackedFeed feed;

    public CommandLineBuildTests(PackageConsumptionTests.PackedFeed feed) => this.feed = feed;

    [Fact]
    public async Task Obsolete_record_members_build_with_warnings_as_errors()
    {
        var project = await feed.CreateProjectAsync("ObsoleteMembers", "TypedSession", """
            using System.Text.Json.Serialization;
            using TypedSession;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.AddTypedSession<CartSession>();
            var app = builder.Build();
            app.UseSession();
            app.MapGet("/", (CartSession session) => session.Last?.Sku ?? "none");
            app.Run();

            public sealed record CartLine([property: Obsolete("Use Sku")] string Code, string Sku, int Quantity);

            [Obsolete("Use CartLine")]
            public sealed record LegacyLine(string Code);

            #pragma warning disable CS0618 // the user's own declarations may name the obsolete type
            [JsonSerializable(typeof(CartLine))]
            [JsonSerializable(typeof(LegacyLine))]
            internal partial class ShopJsonContext : JsonSerializerContext
            {
            }

            [Session(JsonContext = typeof(ShopJsonContext))]
            public partial class CartSession
            {
                public partial CartLine? Last { get; set; }
                public partial LegacyLine? Legacy { get; set; }
            }
            #pragma warning restore CS0618
            """);

        var build = await BuildAsync(project, "-warnaserror");

        build.EnsureSuccess("Building a project with obsolete members under -warnaserror");
        Assert.DoesNotContain("warning", build.Output.Replace("0 Warning(s)", string.Empty), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_non_partial_session_class_reports_SESS001_in_a_command_line_build()
    {
        var project = await feed.CreateProjectAsync("NotPartial", "TypedSession", """
            using TypedSession;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Run();

            [Session]
            public class CartSession
            {
                public partial int Items { get; set; }
            }
            """);

        var build = await BuildAsync(project);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error SESS001: The [Session] class 'CartSession' must be partial: 'CartSession' is not declared partial", build.Output);
        Assert.Contains("error CS0751", build.Output);
    }

    [Fact]
    public async Task A_non_nullable_reference_property_reports_SESS007_in_a_command_line_build()
    {
        var project = await feed.CreateProjectAsync("NonNullable", "TypedSession", """
            using TypedSession;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Run();

            [Session]
            public partial class UserSession
            {
                public partial string Username { get; set; }
                public partial string? Nickname { get; set; }
            }
            """);

        var build = await BuildAsync(project);

        build.EnsureSuccess("Building a project with a non-nullable session property");
        Assert.Contains("warning SESS007: The property 'Username' has the non-nullable type 'string'", build.Output);
        Assert.DoesNotContain("'Nickname'", build.Output);
    }

    private static Task<ProcessRunner.Result> BuildAsync(PackageConsumptionTests.ConsumerProject project, string extraArguments = "") =>
        ProcessRunner.RunAsync("dotnet", $"build -c Release -nologo {extraArguments}".TrimEnd(), project.Directory, TimeSpan.FromMinutes(5));
}
