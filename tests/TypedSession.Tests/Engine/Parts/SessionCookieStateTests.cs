using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TypedSession.Tests.Engine.Parts;

/// <summary>
/// <see cref="SessionCookieState"/> alone: which cookie a response carries for every way a request can go (cookie sent
/// or not, value set or not, regenerate, destroy, response started, no request at all).
/// </summary>
public sealed class SessionCookieStateTests
{
    private static readonly Func<bool> Establishes = () => true;

    private static HttpResponse Response(bool started = false)
    {
        var context = new DefaultHttpContext();
        if (started)
        {
            context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        }
        return context.Response;
    }

    [Fact]
    public void A_value_set_in_a_new_session_lets_the_middleware_send_its_cookie_when_the_response_starts()
    {
        var cookie = new SessionCookieState(cookieCameIn: false);

        Assert.True(cookie.Establish(Response(), Establishes));

        Assert.Equal(CookieDecision.LetMiddlewareEstablish, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void A_new_session_that_stores_nothing_sends_no_cookie()
    {
        var cookie = new SessionCookieState(cookieCameIn: false);

        Assert.Equal(CookieDecision.None, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void A_value_set_in_a_session_the_client_has_a_cookie_for_sends_nothing()
    {
        var cookie = new SessionCookieState(cookieCameIn: true);

        Assert.False(cookie.Establish(Response(started: true), () => throw new InvalidOperationException("not called")));

        Assert.Equal(CookieDecision.None, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void A_value_set_after_the_response_started_cannot_establish_a_new_session()
    {
        var cookie = new SessionCookieState(cookieCameIn: false);

        var error = Assert.Throws<InvalidOperationException>(() => cookie.Establish(Response(started: true), Establishes));
        Assert.Equal(SessionCookieState.EstablishAfterStartMessage, error.Message);
    }

    [Fact]
    public void Without_a_request_the_stock_establisher_decides_at_once()
    {
        var accepted = new SessionCookieState(cookieCameIn: false);
        var refused = new SessionCookieState(cookieCameIn: false);
        var calls = 0;

        Assert.False(accepted.Establish(null, () => ++calls > 0));
        Assert.False(accepted.Establish(null, () => ++calls > 0));
        Assert.Throws<InvalidOperationException>(() => refused.Establish(null, () => false));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_session_on_a_key_of_the_engines_making_issues_its_own_cookie_once_a_value_is_set()
    {
        var cookie = new SessionCookieState(cookieCameIn: true);
        cookie.KeySwitched();

        Assert.True(cookie.Establish(Response(), () => throw new InvalidOperationException("the middleware's key is not ours")));

        Assert.Equal(CookieDecision.Issue, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void Without_a_request_a_key_of_the_engines_making_cannot_be_established()
    {
        var cookie = new SessionCookieState(cookieCameIn: false);
        cookie.KeySwitched();

        Assert.Throws<InvalidOperationException>(() => cookie.Establish(null, Establishes));
    }

    [Fact]
    public void Regenerate_issues_the_new_keys_cookie_instead_of_the_middlewares()
    {
        var cookie = new SessionCookieState(cookieCameIn: false);
        cookie.Establish(Response(), Establishes);

        cookie.KeySwitched();
        cookie.IssueForNewKey();

        Assert.Equal(CookieDecision.Issue, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Destroy_expires_the_cookie_the_client_sent_and_cancels_a_pending_one(bool cookieCameIn)
    {
        var expected = cookieCameIn ? CookieDecision.Expire : CookieDecision.None;
        var cookie = new SessionCookieState(cookieCameIn);
        cookie.Establish(Response(), Establishes);

        cookie.ExpireOnDestroy();
        cookie.KeySwitched();

        Assert.Equal(expected, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void A_value_set_after_destroy_issues_a_cookie_for_the_new_session()
    {
        var cookie = new SessionCookieState(cookieCameIn: true);
        cookie.ExpireOnDestroy();
        cookie.KeySwitched();

        Assert.True(cookie.Establish(Response(), Establishes));

        Assert.Equal(CookieDecision.Issue, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void The_decision_is_taken_once()
    {
        var cookie = new SessionCookieState(cookieCameIn: true);
        cookie.KeySwitched();
        cookie.IssueForNewKey();

        Assert.Equal(CookieDecision.Issue, cookie.DecideAtResponseStart(sessionStored: true));
        Assert.Equal(CookieDecision.None, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void A_due_roll_re_sends_the_cookie_the_client_holds_once()
    {
        var cookie = new SessionCookieState(cookieCameIn: true);

        Assert.True(cookie.Roll());

        Assert.Equal(CookieDecision.Roll, cookie.DecideAtResponseStart(sessionStored: true));
        Assert.Equal(CookieDecision.None, cookie.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void A_roll_gives_way_to_a_new_keys_cookie_and_to_expiry()
    {
        var regenerated = new SessionCookieState(cookieCameIn: true);
        regenerated.Roll();
        regenerated.KeySwitched();
        regenerated.IssueForNewKey();
        Assert.Equal(CookieDecision.Issue, regenerated.DecideAtResponseStart(sessionStored: true));

        var destroyed = new SessionCookieState(cookieCameIn: true);
        destroyed.Roll();
        destroyed.ExpireOnDestroy();
        Assert.Equal(CookieDecision.Expire, destroyed.DecideAtResponseStart(sessionStored: true));
    }

    [Fact]
    public void There_is_nothing_to_roll_for_a_client_without_a_cookie_for_the_current_key()
    {
        Assert.False(new SessionCookieState(cookieCameIn: false).Roll());

        var switched = new SessionCookieState(cookieCameIn: true);
        switched.KeySwitched();
        Assert.False(switched.Roll());
        Assert.Equal(CookieDecision.None, switched.DecideAtResponseStart(sessionStored: true));
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
