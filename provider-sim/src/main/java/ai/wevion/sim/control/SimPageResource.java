package ai.wevion.sim.control;

import static ai.wevion.sim.oauth.ConsentPage.html;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The simulator's own page for a person at a browser (local run): the
 * simulated Meta people, and a button that does to one of them what changing
 * the Facebook password does (every refresh of their token fails from now
 * on), or undoes it. No terminal needed to play article 1.
 */
@Path("/sim/page")
public class SimPageResource {

    private final SimUsers users;

    public SimPageResource(SimUsers users) {
        this.users = users;
    }

    @GET
    public Response page() {
        StringBuilder rows = new StringBuilder();
        for (SimUser u : users.list("meta")) {
            String id = html(u.id());
            rows.append("<tr><td>").append(html(u.name())).append("</td><td>").append(id).append("</td><td>")
                    .append("<form method=\"post\" action=\"/sim/page/meta/").append(id).append("/password-changed\">")
                    .append("<button data-test=\"password-changed\">Change password (the token dies)</button></form> ")
                    .append("<form method=\"post\" action=\"/sim/page/meta/").append(id).append("/healthy\">")
                    .append("<button>Healthy again</button></form></td></tr>");
        }
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Provider simulator</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem}
                td,th{padding:.4rem .6rem;text-align:left;border-bottom:1px solid #ddd}form{display:inline}</style></head>
                <body><h1>Provider simulator: Meta people</h1>
                <p>What happens on Facebook's side. After "Change password", the next refresh of that person's token fails
                (the local run's refresh job runs every minute) and the console shows "Token expired — Reconnect".</p>
                <table><tr><th>Name</th><th>Id</th><th></th></tr>%s</table></body></html>
                """.formatted(rows);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    @POST
    @Path("/meta/{id}/password-changed")
    public Response passwordChanged(@PathParam("id") String id) {
        users.find("meta", id).ifPresent(u -> u.failWith(FailureMode.PASSWORD_CHANGED, null, null));
        return back();
    }

    @POST
    @Path("/meta/{id}/healthy")
    public Response healthy(@PathParam("id") String id) {
        users.find("meta", id).ifPresent(u -> u.failWith(FailureMode.NONE, null, null));
        return back();
    }

    private static Response back() {
        return Response.seeOther(URI.create("/sim/page")).build();
    }
}
