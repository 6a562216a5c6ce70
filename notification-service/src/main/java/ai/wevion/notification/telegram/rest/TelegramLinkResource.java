package ai.wevion.notification.telegram.rest;

import ai.wevion.notification.telegram.service.TelegramLinkService;
import ai.wevion.notification.telegram.service.TelegramLinkService.LinkStatus;
import ai.wevion.notification.telegram.service.TelegramLinkService.NewLink;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Settings → Notifications → Connect Telegram (N5), for the calling user in their workspace. */
@Path("/api/v1/telegram/link")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class TelegramLinkResource {

    private final TelegramLinkService links;
    private final Caller caller;

    public TelegramLinkResource(TelegramLinkService links, Caller caller) {
        this.links = links;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    public Uni<NewLink> create() {
        return links.create(workspace(), user());
    }

    @GET
    public Uni<LinkStatus> status() {
        return links.status(workspace(), user());
    }

    @DELETE
    @ResponseStatus(204)
    public Uni<Void> unlink() {
        return links.unlink(workspace(), user());
    }

    private UUID workspace() {
        return UUID.fromString(caller.workspaceId());
    }

    private UUID user() {
        return UUID.fromString(caller.userId());
    }
}
