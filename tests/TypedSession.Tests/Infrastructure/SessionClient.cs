using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Net.Http.Headers;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// The tests' one cookie-keeping HTTP client. Every request through it, <see cref="Http"/> included, carries the cookies
/// earlier responses set, like a browser: a Set-Cookie sets a cookie, an expired one drops it. Unlike a browser it sends
/// every cookie whatever its path, domain or Secure flag, so that tests over plain HTTP see the session cookie the
/// engine sets, and after <see cref="SwitchTo"/> another instance of the app receives the same cookies, as behind a
/// load balancer. Safe for parallel requests; <see cref="LastSetCookies"/> is the last response's to arrive.
/// </summary>
public sealed class SessionClient : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly bool _followRedirects;
    private HttpClient _server;
    private bool _ownsServer;

    /// <summary>A client over <paramref name="http"/> (TestServer's client, say), which it does not dispose.</summary>
    /// <param name="http">Sends the requests; its own cookie handling, if any, should be off.</param>
    /// <param name="cookieName">The session cookie's name, for <see cref="Cookie"/> and <see cref="LastSessionCookies"/>.</param>
    /// <param name="followRedirects">Follows redirects, carrying the cookies each response in between sets.</param>
    public SessionClient(HttpClient http, string cookieName = ".AspNetCore.Session", bool followRedirects = false)
    {
        _server = http;
        _followRedirects = followRedirects;
        CookieName = cookieName;
        Http = CreateHttp();
    }

    /// <summary>A client of the app at <paramref name="address"/> (a real server), by default following redirects like a browser.</summary>
    public SessionClient(Uri address, string cookieName = ".AspNetCore.Session", bool followRedirects = true)
        : this(CreateServerClient(address), cookieName, followRedirects) => _ownsServer = true;

    /// <summary>Sends requests through the client's cookies; relative paths go to the current server.</summary>
    public HttpClient Http { get; private set; }

    /// <summary>The name of the session cookie.</summary>
    public string CookieName { get; }

    /// <summary>The session cookie's value the client sends, or null.</summary>
    public string? Cookie
    {
        get
        {
            lock (_cookies)
            {
                return _cookies.GetValueOrDefault(CookieName);
            }
        }
        set => SetCookie(CookieName, value);
    }

    /// <summary>Every Set-Cookie header of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    /// <summary>The Set-Cookie headers of the last response for the session cookie.</summary>
    public IReadOnlyList<SetCookieHeaderValue> LastSessionCookies =>
        [.. SetCookieHeaderValue.ParseList([.. LastSetCookies]).Where(c => c.Name.Equals(CookieName, StringComparison.Ordinal))];

    /// <summary>Sends later requests to the app at <paramref name="address"/>, with the same cookies.</summary>
    public void SwitchTo(Uri address)
    {
        Http.Dispose();
        if (_ownsServer)
        {
            _server.Dispose();
        }
        _server = CreateServerClient(address);
        _ownsServer = true;
        Http = CreateHttp();
    }

    /// <summary>Sends a request without a body (GET unless <paramref name="method"/> says otherwise).</summary>
    public Task<HttpResponseMessage> SendAsync(string path, HttpMethod? method = null) =>
        Http.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, path));

    /// <summary>GETs <paramref name="path"/> and returns the body; fails the test unless the status is a success.</summary>
    public async Task<string> GetStringAsync(string path)
    {
        using var response = await SendAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Http.Dispose();
        if (_ownsServer)
        {
            _server.Dispose();
        }
    }

    private static HttpClient CreateServerClient(Uri address) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

    private HttpClient CreateHttp()
    {
        HttpMessageHandler handler = new CookieJarHandler(this);
        if (_followRedirects)
        {
            handler = new RedirectHandler { InnerHandler = handler };
        }
        return new HttpClient(handler) { BaseAddress = _server.BaseAddress ?? new Uri("http://localhost/") };
    }

    private void SetCookie(string name, string? value)
    {
        lock (_cookies)
        {
            if (value is null)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    private async Task<HttpResponseMessage> SendThroughJarAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A request goes through one HttpClient only, so the server's client gets a copy of it.
        var forwarded = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
        foreach (var header in request.Headers)
        {
            forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        lock (_cookies)
        {
            forwarded.Headers.Remove("Cookie");
            if (_cookies.Count > 0)
            {
                forwarded.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }
        var response = await _server.SendAsync(forwarded, cancellationToken);
        response.RequestMessage = request;
        IReadOnlyList<string> setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
        LastSetCookies = setCookies;
        foreach (var cookie in SetCookieHeaderValue.ParseList([.. setCookies]))
        {
            // As a browser does (RFC 6265, 5.3): Max-Age wins over Expires, so that a cookie dated by a test's fake clock
            // is kept by its max age.
            var expired = cookie.MaxAge is { } maxAge ? maxAge <= TimeSpan.Zero : cookie.Expires is { } expires && expires <= DateTimeOffset.UtcNow;
            SetCookie(cookie.Name.ToString(), expired ? null : cookie.Value.ToString());
        }
        return response;
    }

    /// <summary>Puts the client's cookies on each request and takes the response's Set-Cookie headers into them.</summary>
    private sealed class CookieJarHandler(SessionClient client) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            client.SendThroughJarAsync(request, cancellationToken);
    }
}
