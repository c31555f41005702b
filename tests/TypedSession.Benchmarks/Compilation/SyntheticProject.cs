using System.Text;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// The source of a synthetic application: <c>n</c> session classes of ten properties each (one file per class, the
/// types a real session holds), an unrelated service class, and optionally a <c>Program.cs</c> that registers and
/// uses every session class the way the README shows. Also the two edits the incremental benchmarks apply.
/// </summary>
public sealed class SyntheticProject
{
    /// <summary>Path of the unrelated file that <see cref="EditedUnrelatedSource"/> replaces.</summary>
    public const string UnrelatedPath = "Services/PriceCalculator.cs";

    /// <summary>Path of the session class that <see cref="EditedSessionSource"/> replaces.</summary>
    public const string EditedSessionPath = "Sessions/Session0.cs";

    private SyntheticProject(IReadOnlyList<SourceFile> sources, bool hasProgram)
    {
        Sources = sources;
        HasProgram = hasProgram;
    }

    /// <summary>Every source file of the project.</summary>
    public IReadOnlyList<SourceFile> Sources { get; }

    /// <summary>Whether the project has a <c>Program.cs</c> with top-level statements (an executable).</summary>
    public bool HasProgram { get; }

    /// <summary>The unrelated file after an edit that touches no session class.</summary>
    public static string EditedUnrelatedSource => UnrelatedSource(withDiscount: true);

    /// <summary>The first session class after an edit: one property more.</summary>
    public static string EditedSessionSource => SessionClassSource(0, withExtraProperty: true);

    /// <summary>Builds a project of <paramref name="sessionClassCount"/> session classes.</summary>
    public static SyntheticProject Create(int sessionClassCount, bool withProgram)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionClassCount, 1);
        var sources = new List<SourceFile>
        {
            new("Sessions/Plan.cs", PlanSource),
            new(UnrelatedPath, UnrelatedSource(withDiscount: false)),
        };
        for (var i = 0; i < sessionClassCount; i++)
        {
            sources.Add(new($"Sessions/Session{i}.cs", SessionClassSource(i, withExtraProperty: false)));
        }
        if (withProgram)
        {
            sources.Add(new("Program.cs", ProgramSource(sessionClassCount)));
        }
        return new SyntheticProject(sources, withProgram);
    }

    private const string PlanSource = """
        namespace Synthetic.Sessions;

        public enum Plan { Free, Standard, Premium }
        """;

    private static string SessionClassSource(int index, bool withExtraProperty)
    {
        var extraProperty = withExtraProperty ? "public partial System.TimeSpan? Timeout { get; set; }" : string.Empty;
        return $$"""
        using TypedSession;

        namespace Synthetic.Sessions;

        [Session(KeyPrefix = "s{{index}}.")]
        public partial class Session{{index}}
        {
            public partial string? Username { get; set; }
            public partial string? Role { get; set; }
            public partial bool IsLoggedIn { get; set; }
            public partial int Visits { get; set; }
            public partial long LastSeenTicks { get; set; }
            public partial System.Guid? CorrelationId { get; set; }
            public partial System.DateTimeOffset? LoggedInAt { get; set; }
            public partial decimal Balance { get; set; }
            public partial Plan Plan { get; set; }
            [SessionKey("culture")]
            public partial string? Culture { get; set; }
            {{extraProperty}}
        }
        """;
    }

    private static string UnrelatedSource(bool withDiscount) => $$"""
        namespace Synthetic.Services;

        public sealed class PriceCalculator
        {
            public decimal Total(decimal unitPrice, int quantity)
            {
                var total = unitPrice * quantity;
                return {{(withDiscount ? "quantity >= 10 ? total * 0.95m : total" : "total")}};
            }
        }
        """;

    private static string ProgramSource(int sessionClassCount)
    {
        var program = new StringBuilder();
        program.AppendLine("using Microsoft.AspNetCore.Builder;");
        program.AppendLine("using Microsoft.AspNetCore.Http;");
        program.AppendLine("using Microsoft.Extensions.DependencyInjection;");
        program.AppendLine("using Synthetic.Sessions;");
        program.AppendLine();
        program.AppendLine("var builder = WebApplication.CreateBuilder(args);");
        program.AppendLine("builder.Services.AddDistributedMemoryCache();");
        program.AppendLine("builder.Services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);");
        for (var i = 0; i < sessionClassCount; i++)
        {
            program.AppendLine($"builder.Services.AddTypedSession<Session{i}>();");
        }
        program.AppendLine("var app = builder.Build();");
        program.AppendLine("app.UseSession();");
        for (var i = 0; i < sessionClassCount; i++)
        {
            program.AppendLine($"app.MapGet(\"/s{i}\", (Session{i} session) => session.Username);");
            program.AppendLine($"app.MapPost(\"/s{i}\", async (Session{i} session) => {{ session.Visits++; await session.CommitAsync(); return Results.Ok(); }});");
        }
        program.AppendLine("app.Run();");
        return program.ToString();
    }
}
