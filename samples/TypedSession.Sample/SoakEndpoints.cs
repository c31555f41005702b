using System.Globalization;

namespace TypedSession.Sample;

/// <summary>
/// The endpoints that tests/TypedSession.Benchmarks/soak.sh drives for minutes under wrk: start a session, read it,
/// increment its counter, log in (regenerate the id) and log out (destroy it). Mapped only when the configuration
/// key <c>TYPEDSESSION_SOAK</c> is <c>1</c> (an environment variable or <c>--TYPEDSESSION_SOAK=1</c>).
/// </summary>
/// <remarks>
/// Every request names the session it expects (<c>?tag=</c>, the tag the client gave the session at its start), so
/// that a session that comes back empty or belongs to someone else is a loud 409, never a silent new session, and
/// every answer carries the session's tag and counter, which the soak's wrk script checks against the increments it
/// saw acknowledged. A store that cannot load the session gives 503; a write that fails fails the request (the
/// engine's <see cref="TypedSessionOptions.FailRequestOnCommitFailure"/>, on by default), so a 200 on a write is an
/// acknowledged write. The branch runs in front of the application's pipeline, as the benchmark branches do, with
/// the application's own session middleware and store.
/// </remarks>
public static partial class SoakEndpoints
{
    /// <summary>The configuration key that maps the endpoints when it is <c>1</c>.</summary>
    public const string SwitchKey = "TYPEDSESSION_SOAK";

    /// <summary>Maps <c>/soak/*</c> when <see cref="SwitchKey"/> is set; call it right after <c>builder.Build()</c>.</summary>
    public static WebApplication MapSoakEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration[SwitchKey] != "1")
        {
            return app;
        }
        app.Map("/soak", branch =>
        {
            branch.UseSession();
            branch.Run(SoakAsync);
        });
        return app;
    }

    private static async Task SoakAsync(HttpContext context)
    {
        var operation = context.Request.Path.Value?.TrimStart('/');
        var tag = context.Request.Query["tag"].ToString();
        if (tag.Length == 0 || operation is not ("start" or "read" or "write" or "login" or "logout"))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("use /soak/start|read|write|login|logout?tag=...");
            return;
        }

        var session = (await SoakSession.BindAsync(context))!;
        if (!session.RawSession.IsAvailable)
        {
            // The store could not load the session: say so, rather than answer for an empty one.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("store unavailable");
            return;
        }

        if (operation == "start")
        {
            if (session.Tag is not null)
            {
                await Conflict(context, session);
                return;
            }
            session.Tag = tag;
            session.Counter = 0;
            await Answer(context, session);
            return;
        }

        if (session.Tag != tag)
        {
            // Lost (the cookie opens an empty session) or crossed (another client's session): both are failures.
            await Conflict(context, session);
            return;
        }
        switch (operation)
        {
            case "write":
                session.Counter++;
                break;
            case "login":
                await session.RegenerateIdAsync(context.RequestAborted);
                break;
            case "logout":
                var counter = session.Counter;
                await session.DestroyAsync(context.RequestAborted);
                await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"tag={tag} counter={counter}"));
                return;
        }
        await Answer(context, session);
    }

    private static Task Answer(HttpContext context, SoakSession session) =>
        context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"tag={session.Tag} counter={session.Counter}"));

    private static Task Conflict(HttpContext context, SoakSession session)
    {
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        return context.Response.WriteAsync($"tag={session.Tag ?? "-"} expected={context.Request.Query["tag"]}");
    }

    /// <summary>A soak client's session: the tag it was started with and its counter.</summary>
    [Session(KeyPrefix = "soak.")]
    internal sealed partial class SoakSession
    {
        /// <summary>Set once, when the session starts; every later request names it.</summary>
        public partial string? Tag { get; set; }

        /// <summary>Incremented by every acknowledged write.</summary>
        public partial int Counter { get; set; }
    }
}
