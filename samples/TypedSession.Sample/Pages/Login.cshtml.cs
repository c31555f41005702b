using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSession.Sample.Pages;

/// <summary>The login form: receives <see cref="UserSession"/> by constructor injection.</summary>
public sealed class LoginModel(UserSession session) : PageModel
{
    /// <summary>The roles the form offers.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["user", "editor", "admin"];

    /// <summary>The posted username.</summary>
    [BindProperty, Required, StringLength(64)]
    public string? Username { get; set; }

    /// <summary>The posted role.</summary>
    [BindProperty, Required]
    public string Role { get; set; } = "user";

    /// <summary>
    /// Whether to keep this visitor logged in on this device: a persistent cookie and a 30-day idle window for this
    /// session only, where every other session ends with the browser session or after 20 idle minutes.
    /// </summary>
    [BindProperty]
    public bool RememberMe { get; set; }

    /// <summary>Shows the form, or the dashboard to a visitor already logged in.</summary>
    public IActionResult OnGet() => session.IsLoggedIn ? RedirectToPage("/Dashboard") : Page();

    /// <summary>
    /// Stores the visitor in the session under a new session id (the old cookie stops working, which defeats session
    /// fixation), remembered on this device when asked, and goes to the dashboard.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!Roles.Contains(Role))
        {
            ModelState.AddModelError(nameof(Role), "Choose one of the offered roles.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        session.Username = Username!.Trim();
        session.Role = Role;
        session.IsLoggedIn = true;
        session.RememberMe(RememberMe);
        await session.RegenerateIdAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Dashboard");
    }
}
