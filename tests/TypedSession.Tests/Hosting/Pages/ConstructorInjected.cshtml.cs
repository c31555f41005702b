using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSession.Tests.Hosting.Pages;

/// <summary>A page model that receives the session by constructor injection.</summary>
public sealed class ConstructorInjectedModel(CartSession cart) : PageModel
{
    /// <summary>The count after this request's addition.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one item.</summary>
    public void OnGet() => Count = ++cart.ItemCount;
}
