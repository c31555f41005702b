using Microsoft.AspNetCore.Mvc;

namespace TypedSession.Sample.Controllers;

/// <summary>An MVC controller that receives the request's <see cref="UserSession"/> by constructor injection.</summary>
[Route("profile")]
public sealed class ProfileController(UserSession session) : Controller
{
    /// <summary>Answers what the session holds, as plain text.</summary>
    [HttpGet]
    public ContentResult Show() => Content(
        $"Username: {session.Username}\nRole: {session.Role}\nLogged in: {session.IsLoggedIn}",
        "text/plain; charset=utf-8");
}
