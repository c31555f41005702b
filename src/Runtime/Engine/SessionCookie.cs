using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TypedSession;

// The session cookie exactly as the stock SessionMiddleware writes and reads it: the UTF-8 store key protected with
// the "SessionMiddleware" data protector, base64 without '=' padding, under SessionOptions.Cookie.
internal static class SessionCookie
{
    // The purpose string the stock middleware uses (nameof(SessionMiddleware)); any other purpose makes cookies the
    // middleware cannot read.
    internal const string ProtectorPurpose = "SessionMiddleware";

    internal static string Protect(IDataProtector protector, string storeKey) =>
        Convert.ToBase64String(protector.Protect(Encoding.UTF8.GetBytes(storeKey))).TrimEnd('=');

    internal static void Issue(HttpContext context, SessionOptions options, IDataProtector protector, string storeKey)
    {
        var response = context.Response;
        response.Cookies.Append(options.Cookie.Name!, Protect(protector, storeKey), options.Cookie.Build(context));
        // As the stock middleware does with a new cookie: a response that sets a session cookie must not be cached.
        response.Headers[HeaderNames.CacheControl] = "no-cache,no-store";
        response.Headers[HeaderNames.Pragma] = "no-cache";
        response.Headers[HeaderNames.Expires] = "-1";
    }

    internal static void Expire(HttpContext context, SessionOptions options) =>
        context.Response.Cookies.Delete(options.Cookie.Name!, options.Cookie.Build(context));
}
