package ai.wevion.sim.control;

import static ai.wevion.sim.oauth.ConsentPage.html;

import ai.wevion.sim.telegram.TelegramBot;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulator's own page for a person at a browser (local run), so the two
 * articles need no terminal: the simulated Meta people, with a button that
 * does to one of them what changing the Facebook password does (every refresh
 * of their token fails from now on) or undoes it; and Telegram, where a
 * person opens the console's link, presses START, and reads what the bot
 * sends them.
 */
@Path("/sim/page")
public class SimPageResource {

    private final SimUsers users;
    private final TelegramBot telegram;
    // the Telegram chats opened from this page, newest first
    private final List<Long> chats = new CopyOnWriteArrayList<>();

    public SimPageResource(SimUsers users, TelegramBot telegram) {
        this.users = users;
        this.telegram = telegram;
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
                <table><tr><th>Name</th><th>Id</th><th></th></tr>%s</table>
                <h2>Telegram</h2>
                <form method="post" action="/sim/page/telegram/start"><label>The console's Telegram link
                <input name="link" size="60" required placeholder="https://t.me/…?start=…" data-test="telegram-link"></label>
                <button data-test="telegram-start">Open it and press START</button></form>%s</body></html>
                """.formatted(rows, chats());
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

    /** The person opens the deep link in Telegram and presses START: the bot receives {@code /start <payload>}. */
    @POST
    @Path("/telegram/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> telegramStart(@FormParam("link") String link) {
        int at = link == null ? -1 : link.indexOf("start=");
        if (at < 0) {
            return Uni.createFrom().item(Response.status(400).type(MediaType.TEXT_PLAIN)
                    .entity("A Telegram link ends with ?start=<payload>").build());
        }
        long chat = telegram.newChat("You");
        chats.add(0, chat);
        return telegram.userWrites(chat, "/start " + link.substring(at + "start=".length()), null, 1).map(status -> back());
    }

    private String chats() {
        StringBuilder out = new StringBuilder();
        for (long chat : chats) {
            out.append("<h3>Chat ").append(chat).append("</h3><ul data-test=\"telegram-chat\">");
            telegram.received(chat).forEach(m -> out.append("<li>").append(html(m)).append("</li>"));
            out.append("</ul>");
        }
        return out.toString();
    }

    private static Response back() {
        return Response.seeOther(URI.create("/sim/page")).build();
    }
}
