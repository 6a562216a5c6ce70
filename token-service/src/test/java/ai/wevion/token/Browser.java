package ai.wevion.token;

import io.restassured.filter.cookie.CookieFilter;

/**
 * The tests' browser: keeps the cookies a response sets and sends them back,
 * as the OAuth round trip needs (authorize sets the state's browser-binding
 * cookie, the callback checks it).
 */
final class Browser {

    static final CookieFilter COOKIES = new CookieFilter();

    private Browser() {
    }
}
