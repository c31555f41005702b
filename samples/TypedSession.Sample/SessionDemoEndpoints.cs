namespace TypedSession.Sample;

/// <summary>The minimal-API routes of express-session's example, with <see cref="UserSession"/> as a handler parameter.</summary>
public static class SessionDemoEndpoints
{
    /// <summary>Maps <c>GET /set-data</c> and <c>GET /get-data</c>.</summary>
    public static IEndpointRouteBuilder MapSessionDemo(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // req.session.username = 'John'; res.send('Data stored in session');
        endpoints.MapGet("/set-data", (UserSession session) =>
        {
            session.Username = "John";
            return "Data stored in session";
        });

        // res.send(`Username: ${req.session.username}`);
        endpoints.MapGet("/get-data", (UserSession session) => $"Username: {session.Username}");

        return endpoints;
    }
}
