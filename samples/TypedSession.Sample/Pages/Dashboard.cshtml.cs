using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSession.Sample.Pages;

/// <summary>
/// The dashboard: the visitor, their session's lifetime, and "Your sessions" from <see cref="ISessionDirectory"/> with
/// "Log out this device" and "Log out all other devices". Its handlers take <see cref="UserSession"/> as a parameter.
/// </summary>
public sealed class DashboardModel(ISessionDirectory directory) : PageModel
{
    /// <summary>The logged-in visitor's name.</summary>
    public string? Username { get; private set; }

    /// <summary>The logged-in visitor's role.</summary>
    public string? Role { get; private set; }

    /// <summary>Whether the visitor chose "Remember me" at login.</summary>
    public bool IsRemembered { get; private set; }

    /// <summary>When the session ends if the visitor does nothing more.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The visitor's live sessions, most recently used first.</summary>
    public IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    /// <summary>The id of the session of this request, to mark it in the list.</summary>
    public string? CurrentSessionId { get; private set; }

    /// <summary>Shows the visitor, or sends an anonymous one to the login page.</summary>
    public async Task<IActionResult> OnGetAsync(UserSession session)
    {
        if (!session.IsLoggedIn || session.LoggedInUserId is not { } user)
        {
            return RedirectToPage("/Login");
        }
        Username = session.Username;
        Role = session.Role;
        IsRemembered = session.IsPersistent;
        ExpiresAt = session.ExpiresAt;
        CurrentSessionId = session.Id;
        Sessions = await directory.GetSessionsAsync(user, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Logs out: deletes the session from the store and expires its cookie.</summary>
    public async Task<IActionResult> OnPostLogoutAsync(UserSession session)
    {
        await session.LogOutAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Login");
    }

    /// <summary>"Log out this device" for another of the visitor's sessions: it is anonymous on its next request.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(UserSession session, string sessionId)
    {
        if (session.LoggedInUserId is { } user)
        {
            await directory.RevokeAsync(user, sessionId, HttpContext.RequestAborted);
        }
        return RedirectToPage();
    }

    /// <summary>"Log out all other devices": every session of the visitor but this one.</summary>
    public async Task<IActionResult> OnPostRevokeOthersAsync(UserSession session)
    {
        if (session.LoggedInUserId is { } user)
        {
            await directory.RevokeAllAsync(user, exceptSessionId: session.Id, HttpContext.RequestAborted);
        }
        return RedirectToPage();
    }
}
