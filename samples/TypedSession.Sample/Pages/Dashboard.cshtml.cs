using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSession.Sample.Pages;

/// <summary>The dashboard: its handlers take <see cref="UserSession"/> as a parameter.</summary>
public sealed class DashboardModel : PageModel
{
    /// <summary>The logged-in visitor's name.</summary>
    public string? Username { get; private set; }

    /// <summary>The logged-in visitor's role.</summary>
    public string? Role { get; private set; }

    /// <summary>Whether the visitor chose "Remember me" at login.</summary>
    public bool IsRemembered { get; private set; }

    /// <summary>When the session ends if the visitor does nothing more.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Shows the visitor, or sends an anonymous one to the login page.</summary>
    public IActionResult OnGet(UserSession session)
    {
        if (!session.IsLoggedIn)
        {
            return RedirectToPage("/Login");
        }
        Username = session.Username;
        Role = session.Role;
        IsRemembered = session.IsPersistent;
        ExpiresAt = session.ExpiresAt;
        return Page();
    }

    /// <summary>Logs out: deletes the session from the store and expires its cookie.</summary>
    public async Task<IActionResult> OnPostLogoutAsync(UserSession session)
    {
        await session.DestroyAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Login");
    }
}
