using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSession.Tests.Hosting.Pages;

/// <summary>A page model whose handler takes the session as a parameter.</summary>
public sealed class HandlerParameterModel : PageModel
{
    /// <summary>The count after this request's addition.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one item.</summary>
    public void OnGet(CartSession cart) => Count = ++cart.ItemCount;
}
