package ai.wevion.sim.control;

import ai.wevion.sim.meta.MetaControl;
import ai.wevion.sim.telegram.TelegramBot;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The control API the tests and benchmarks drive (provider-sim/README.md). */
@Path("/sim")
public class SimControlResource {

    public record NewUser(@NotBlank String name, @Min(1) Long tokenLifetimeSeconds, @Min(1) Long dataAccessSeconds,
            List<SimUser.AdAccount> adAccounts) {
    }

    public record Created(String externalUserId) {
    }

    public record Failure(@NotNull FailureMode mode, @Min(0) Integer count, Integer code) {
    }

    /** Each setting given changes; one left out stays as it is. */
    public record Settings(@Min(0) Long latencyMs, Boolean telegramDown) {
    }

    public record Stats(Map<String, Long> calls) {
    }

    private final SimUsers users;
    private final CallStats stats;
    private final SimLatency latency;
    private final MetaControl meta;
    private final TelegramBot telegram;
    private final ai.wevion.sim.google.GoogleOAuth google;
    private final ai.wevion.sim.snapchat.SnapchatOAuth snapchat;
    private final ai.wevion.sim.stripe.StripeOAuth stripe;
    private final ai.wevion.sim.tiktok.TikTokResource tiktok;
    private final ai.wevion.sim.credentials.TaboolaResource taboola;
    private final ai.wevion.sim.credentials.OutbrainResource outbrain;

    public SimControlResource(SimUsers users, CallStats stats, SimLatency latency, MetaControl meta, TelegramBot telegram,
            ai.wevion.sim.google.GoogleOAuth google, ai.wevion.sim.snapchat.SnapchatOAuth snapchat,
            ai.wevion.sim.stripe.StripeOAuth stripe, ai.wevion.sim.tiktok.TikTokResource tiktok,
            ai.wevion.sim.credentials.TaboolaResource taboola, ai.wevion.sim.credentials.OutbrainResource outbrain) {
        this.users = users;
        this.taboola = taboola;
        this.outbrain = outbrain;
        this.tiktok = tiktok;
        this.stripe = stripe;
        this.google = google;
        this.snapchat = snapchat;
        this.telegram = telegram;
        this.stats = stats;
        this.latency = latency;
        this.meta = meta;
    }

    @POST
    @Path("/{provider}/users")
    @ResponseStatus(201)
    public Created createUser(@PathParam("provider") @Pattern(regexp = "[a-z-]+") String provider, @Valid @NotNull NewUser request) {
        SimUser user = users.create(provider, request.name(), request.tokenLifetimeSeconds(), request.dataAccessSeconds(),
                request.adAccounts() == null ? List.of() : request.adAccounts());
        return new Created(user.id());
    }

    @POST
    @Path("/{provider}/users/{id}/failure")
    @ResponseStatus(204)
    public void fail(@PathParam("provider") String provider, @PathParam("id") String id, @Valid @NotNull Failure request) {
        SimUser user = users.find(provider, id).orElseThrow(() -> new NotFoundException("no such user"));
        user.failWith(request.mode(), request.count(), request.code());
    }

    /** Every token the provider issued so far (for the tests' leak scans). */
    @GET
    @Path("/{provider}/issued-tokens")
    public Set<String> issuedTokens(@PathParam("provider") String provider) {
        return switch (provider) {
            case "meta" -> meta.issuedTokens();
            case "google" -> google.issued();
            case "snapchat" -> snapchat.issued();
            case "stripe" -> stripe.issued();
            case "tiktok" -> tiktok.issued();
            case "taboola" -> taboola.issued();
            case "outbrain" -> outbrain.issued();
            default -> throw new NotFoundException("no tokens issued by " + provider);
        };
    }

    public record ClientSecret(@NotBlank String secret) {
    }

    /** Someone rotates the app's client secret in the provider's console (Google, Snapchat, Stripe). */
    @POST
    @Path("/{provider}/client-secret")
    @ResponseStatus(204)
    public void rotateClientSecret(@PathParam("provider") String provider, @Valid @NotNull ClientSecret request) {
        switch (provider) {
            case "google" -> google.rotateClientSecret(request.secret());
            case "snapchat" -> snapchat.rotateClientSecret(request.secret());
            case "stripe" -> stripe.rotateClientSecret(request.secret());
            default -> throw new NotFoundException(provider + " has no client secret to rotate here");
        }
    }

    /**
     * The user removes the app on the provider's side: Meta posts a
     * signed_request to the app's callback URL, Stripe a signed
     * {@code account.application.deauthorized} event to the webhook.
     */
    @POST
    @Path("/{provider}/users/{id}/deauthorize")
    public Uni<MetaControl.Delivered> deauthorize(@PathParam("provider") String provider, @PathParam("id") String id,
            @Valid @NotNull MetaControl.Deauthorize request) {
        return switch (provider) {
            case "meta" -> meta.deauthorize(id, request);
            case "stripe" -> stripe.deauthorize(id, request.callbackUrl()).map(MetaControl.Delivered::new);
            default -> throw new NotFoundException(provider + " has no deauthorize callback");
        };
    }

    /** Benchmarks: many users at once, each already holding a long-lived token (Meta only). */
    @POST
    @Path("/{provider}/bulk-users")
    public List<MetaControl.UserWithToken> bulkUsers(@PathParam("provider") String provider, @Valid @NotNull Bulk request) {
        requireMeta(provider);
        return meta.bulkUsers(request.count(), request.tokenLifetimeSeconds());
    }

    public record Bulk(@NotNull @Min(1) @jakarta.validation.constraints.Max(200_000) Integer count, @Min(1) Long tokenLifetimeSeconds) {
    }

    private static void requireMeta(String provider) {
        if (!"meta".equals(provider)) {
            throw new NotFoundException("only the Meta simulator has this");
        }
    }

    @POST
    @Path("/settings")
    @ResponseStatus(204)
    public void settings(@Valid @NotNull Settings request) {
        if (request.latencyMs() != null) {
            latency.set(request.latencyMs());
        }
        if (request.telegramDown() != null) {
            telegram.setDown(request.telegramDown());
        }
    }

    @GET
    @Path("/stats")
    public Stats stats() {
        return new Stats(stats.snapshot());
    }

    @DELETE
    @Path("/stats")
    @ResponseStatus(204)
    public void resetStats() {
        stats.reset();
    }

    // --- Telegram: a chat is a Telegram user talking to the bot ---------------------------

    public record NewChat(String firstName) {
    }

    public record ChatCreated(long chatId) {
    }

    /** {@code times} > 1 delivers the same update again; {@code secretToken} overrides the webhook's secret header. */
    public record UserMessage(@NotNull @jakarta.validation.constraints.Size(max = 4096) String text, @Min(1) Integer times,
            String secretToken) {
    }

    public record WebhookAnswer(int webhookStatus) {
    }

    public record ChatFailure(@NotNull TelegramBot.Failure mode, @Min(0) Integer count, @Min(1) Integer retryAfter) {
    }

    @POST
    @Path("/telegram/chats")
    @ResponseStatus(201)
    public ChatCreated newChat(NewChat request) {
        return new ChatCreated(telegram.newChat(request == null ? null : request.firstName()));
    }

    /** The user sends the bot a message (e.g. after pressing START on a deep link: {@code /start <payload>}). */
    @POST
    @Path("/telegram/chats/{chatId}/messages")
    public Uni<WebhookAnswer> userWrites(@PathParam("chatId") long chatId, @Valid @NotNull UserMessage request) {
        return telegram.userWrites(chatId, request.text(), request.secretToken(), request.times() == null ? 1 : request.times())
                .map(WebhookAnswer::new);
    }

    /** What the bot has sent this chat. */
    @GET
    @Path("/telegram/chats/{chatId}/messages")
    public List<String> botMessages(@PathParam("chatId") long chatId) {
        return telegram.received(chatId);
    }

    @POST
    @Path("/telegram/chats/{chatId}/failure")
    @ResponseStatus(204)
    public void failChat(@PathParam("chatId") long chatId, @Valid @NotNull ChatFailure request) {
        telegram.fail(chatId, request.mode(), request.count(), request.retryAfter());
    }
}
