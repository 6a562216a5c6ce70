package ai.wevion.authclient.stream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * One-time stream tickets: a browser's EventSource cannot send an
 * Authorization header, and a JWT in a URL would end up in access logs. The
 * page asks for a ticket with its JWT, then opens the stream with
 * {@code ?ticket=}; the ticket stands for that JWT (same claims, same expiry,
 * same session), works once, for one stream path, within seconds.
 */
@ApplicationScoped
public class StreamTickets {

    public record Ticket(String ticket, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final StreamTicketRepository repository;
    private final StreamConfig config;
    private final Clock clock;

    public StreamTickets(StreamTicketRepository repository, StreamConfig config) {
        this.repository = repository;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** A ticket for the caller's session JWT that opens {@code streamPath} once. */
    public Uni<Ticket> issue(JsonWebToken jwt, String streamPath) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String ticket = B64.encodeToString(random);
        Instant now = clock.instant();
        Instant jwtExpiry = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant expiresAt = now.plus(config.ticketTtl());
        Instant until = expiresAt.isBefore(jwtExpiry) ? expiresAt : jwtExpiry;
        return repository.insert(hash(ticket), streamPath, claims(jwt), until, now).replaceWith(new Ticket(ticket, until));
    }

    /** The claims the ticket stands for, once; empty for an unknown, used, expired or misdirected ticket. */
    public Uni<Optional<JsonObject>> redeem(String ticket, String streamPath) {
        if (ticket == null || ticket.length() > 100) {
            return Uni.createFrom().item(Optional.empty());
        }
        return repository.take(hash(ticket), streamPath, clock.instant());
    }

    /** The JWT's own claims, exactly as signed (the payload of the verified JWT). */
    private static JsonObject claims(JsonWebToken jwt) {
        String[] parts = jwt.getRawToken() == null ? new String[0] : jwt.getRawToken().split("\\.");
        if (parts.length != 3) {
            throw new IllegalStateException("a stream ticket needs the caller's session JWT");
        }
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
