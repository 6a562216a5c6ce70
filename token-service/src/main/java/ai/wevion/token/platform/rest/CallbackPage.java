package ai.wevion.token.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page the OAuth popup ends on (article 1: "a popup opens… it closes"):
 * it posts the outcome to the console that opened it, only to the configured
 * frontend origin, and closes. Without an opener (the popup was blocked and
 * the console went there in full page) it goes back to the console with the
 * outcome in the query; the text stays readable if neither works. The same
 * page for every outcome and every error.
 */
final class CallbackPage {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;
    private final String frontendUrl;

    CallbackPage(ObjectMapper json, String frontendUrl) {
        this.json = json;
        this.frontendUrl = frontendUrl.replaceAll("/+$", "");
    }

    Response connected(String platform, String displayName, String outcome, String platformUserId, NewCookie clearBinding) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "wevion:connect");
        message.put("platform", platform);
        message.put("outcome", outcome);
        message.put("platformUserId", platformUserId);
        String title = displayName + ("RECONNECTED".equals(outcome) ? " reconnected" : " connected");
        return page(200, title, "You can close this window.", message, clearBinding);
    }

    Response failed(int status, String platform, String displayName, String error, String text, NewCookie clearBinding) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "wevion:connect");
        message.put("platform", platform);
        message.put("error", error);
        message.put("message", text);
        return page(status, displayName + " was not connected", text, message, clearBinding);
    }

    private Response page(int status, String title, String text, Map<String, Object> message, NewCookie clearBinding) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = Base64.getEncoder().encodeToString(random);
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s — Wevion</title>
                <style nonce="%5$s">body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;
                background:#f6f7f9;color:#1d2330}main{background:#fff;border-radius:12px;padding:2rem;max-width:28rem;
                box-shadow:0 1px 4px #0002}a{color:#2952cc}</style></head>
                <body><main role="status"><h1>%1$s</h1><p>%2$s</p><p><a href="%3$s/">Back to Wevion</a></p></main>
                <script type="application/json" id="result">%4$s</script>
                <script nonce="%5$s">
                const result = JSON.parse(document.getElementById('result').textContent);
                const home = '%3$s';
                if (window.opener && !window.opener.closed) {
                  window.opener.postMessage(result, new URL(home).origin);
                  window.close();
                } else {
                  const back = new URLSearchParams({connect: result.outcome || result.error, platform: result.platform});
                  if (result.message) back.set('message', result.message);
                  location.replace(home + '/?' + back);
                }
                </script></body></html>
                """.formatted(html(title), html(text), html(frontendUrl), scriptJson(message), nonce);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html)
                .cookie(clearBinding)
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
                        + nonce + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer") // the URL holds the authorization code
                .header("Cache-Control", "no-store")
                .build();
    }

    private String scriptJson(Map<String, Object> message) {
        try {
            // inside <script>: "<" never appears raw, so no "</script>" can end it early
            return json.writeValueAsString(message).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
