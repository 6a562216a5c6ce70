package ai.wevion.sim.oauth;

import ai.wevion.sim.control.SimUser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;

/**
 * A provider's consent screen as a person meets it in a browser: pick one of
 * the simulated people (the simulator's stand-in for "who is logged in to
 * Facebook"), then Allow or Cancel. Allow comes back with {@code sim_user} set
 * (the same 302 with a code as the scripted path); Cancel with
 * {@code sim_answer=cancel}, which the provider answers with its own denial.
 */
public final class ConsentPage {

    public static final String CANCEL = "cancel";

    private ConsentPage() {
    }

    public static Response render(String providerName, List<SimUser> people, MultivaluedMap<String, String> query) {
        StringBuilder hidden = new StringBuilder();
        query.forEach((name, values) -> {
            if (!name.startsWith("sim_")) {
                values.forEach(v -> hidden.append("<input type=\"hidden\" name=\"").append(html(name)).append("\" value=\"")
                        .append(html(v)).append("\">"));
            }
        });
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < people.size(); i++) {
            SimUser p = people.get(i);
            choices.append("<label><input type=\"radio\" name=\"sim_user\" required value=\"").append(html(p.id())).append('"')
                    .append(i == people.size() - 1 ? " checked" : "").append("> ").append(html(p.name()))
                    .append(" <small>(").append(html(p.id())).append(", ").append(p.adAccounts().size()).append(" ad accounts)</small></label>");
        }
        String body = people.isEmpty()
                ? "<p>No simulated " + html(providerName) + " person yet: create one with POST /sim/…/users.</p>"
                : "<fieldset><legend>Continue as</legend>" + choices + "</fieldset>";
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>Log in with %1$s (simulator)</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:30rem;padding:0 1rem}
                label{display:block;padding:.4rem 0}button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem}
                .allow{background:#1877f2;color:#fff;border:0;border-radius:6px}</style></head>
                <body><h1>%1$s</h1><p><strong>Wevion</strong> would like to manage your ads and read your ad accounts.</p>
                <form method="get">%2$s%3$s
                <p><button class="allow" type="submit" name="sim_answer" value="allow" data-test="consent-allow">Allow</button>
                <button type="submit" name="sim_answer" value="cancel" formnovalidate data-test="consent-cancel">Cancel</button></p>
                </form><p><small>Provider simulator: this page stands in for the real consent screen.</small></p></body></html>
                """.formatted(html(providerName), hidden, body);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    /** The provider's redirect when the person cancels: its own error fields, and the state back. */
    public static Response denied(String redirectUri, String state, Map<String, String> errorFields) {
        UriBuilder back = UriBuilder.fromUri(redirectUri);
        errorFields.forEach(back::queryParam);
        if (state != null) {
            back.queryParam("state", state);
        }
        return Response.status(302).location(back.build()).build();
    }

    /** Text made safe inside HTML, attribute values included. */
    public static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
