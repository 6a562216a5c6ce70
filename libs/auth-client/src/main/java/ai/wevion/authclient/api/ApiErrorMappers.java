package ai.wevion.authclient.api;

import ai.wevion.authclient.SessionCheck.SessionCheckUnavailableException;
import ai.wevion.authclient.SessionCheck.SessionEndedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import ai.wevion.authclient.stream.StreamTicketIdentityProvider.InvalidTicketException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Turns every failure into {@code {error, message}} with the right 4xx: never a
 * stack trace, never a 500 for bad input. The 401 codes tell the frontend what
 * to do (docs/contract.md, A6): {@code token_expired} refresh the JWT, {@code
 * session_expired} log in again.
 */
public class ApiErrorMappers {

    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

    private final int databasePort;

    public ApiErrorMappers(@ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> databaseUrl) {
        this.databasePort = Unavailable.port(databaseUrl.orElse(null));
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response response = ApiError.response(e.status(), e.error(), e.getMessage());
        if (e.retryAfter() == null) {
            return response;
        }
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        if (hasCause(e, SessionCheckUnavailableException.class)) {
            return sessionCheckUnavailable(null);
        }
        if (hasCause(e, SessionEndedException.class)) {
            return unauthorized("session_expired", "Your session has ended. Log in again.");
        }
        if (hasCause(e, InvalidTicketException.class)) {
            return unauthorized("invalid_ticket", "The stream ticket is unknown, used or expired: ask for a new one.");
        }
        InvalidJwtException jwt = cause(e, InvalidJwtException.class);
        if (jwt != null && jwt.hasExpired()) {
            return unauthorized("token_expired", "The access token has expired. Refresh it with POST /api/v1/auth/token.");
        }
        return unauthorized("invalid_token", "The access token is not valid.");
    }

    /** Neither the revocation stream nor auth-service can vouch for the session: closed, and a retry may succeed. */
    @ServerExceptionMapper
    public Response sessionCheckUnavailable(SessionCheckUnavailableException e) {
        return Response.fromResponse(ApiError.response(503, "session_check_unavailable",
                "Sessions cannot be checked right now. Try again in a moment.")).header(HttpHeaders.RETRY_AFTER, 1).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("unauthorized", "Authentication required: send Authorization: Bearer <token>.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ApiError.response(403, "forbidden", "Your role does not allow this.");
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(ApiErrorMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ApiError.response(400, "validation_failed", message);
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, JsonMappingException.class})
    public Response unreadable(JsonProcessingException e) {
        return ApiError.response(400, "malformed_json", "The request body is not valid JSON for this endpoint.");
    }

    /** Vert.x's JSON types ({@code JsonObject} bodies) fail with their own exception: the same 400. */
    @ServerExceptionMapper
    public Response undecodable(io.vertx.core.json.DecodeException e) {
        return unreadable(null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 400 -> hasCause(e, JsonProcessingException.class) ? "malformed_json" : "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        String message = status == 400 && code.equals("malformed_json")
                ? "The request body is not valid JSON for this endpoint."
                : e.getResponse().getStatusInfo().getReasonPhrase();
        return ApiError.response(status, code, message);
    }

    /**
     * A chunked body outgrew {@code quarkus.http.limits.max-body-size} while
     * it was read: Vert.x has already answered 413 and closed the connection.
     * A client's doing: one WARN line, no stack trace, nothing more to write.
     * Any other I/O failure is ours.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, HttpServerResponse response) {
        if (!"Request too large".equals(e.getMessage())) {
            return unexpected(e);
        }
        LOG.warnf("request body over the limit refused (413)");
        return response.ended() || response.headWritten()
                ? null
                : ApiError.response(413, "payload_too_large", "The request body is too large.");
    }

    /**
     * What is not a client's doing: a database or another service that does not
     * answer right now is a 503 with {@code Retry-After} (one WARN line, no stack
     * trace); anything else a 500, logged with its stack trace.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Unavailable unavailable = Unavailable.of(e, databasePort);
        if (unavailable != null) {
            LOG.warnf("%s: answered 503 (%s)", unavailable.error(), rootMessage(e));
            return Response.fromResponse(ApiError.response(503, unavailable.error(), unavailable.message()))
                    .header(HttpHeaders.RETRY_AFTER, Unavailable.RETRY_AFTER_SECONDS).build();
        }
        LOG.error("unexpected failure", e);
        return ApiError.response(500, "internal_error", "Something went wrong on our side.");
    }

    /** The failure's chain in one line ("HibernateException <- ConnectException: Connection refused"), for a WARN without a stack trace. */
    private static String rootMessage(Throwable e) {
        StringBuilder chain = new StringBuilder();
        Throwable t = e;
        for (; t.getCause() != null && t.getCause() != t; t = t.getCause()) {
            chain.append(t.getClass().getSimpleName()).append(" <- ");
        }
        StackTraceElement[] at = t.getStackTrace();
        return chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage())
                .append(at.length > 0 ? " at " + at[0] : "").toString();
    }

    private static Response unauthorized(String error, String message) {
        return Response.fromResponse(ApiError.response(401, error, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .build();
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return field + " " + v.getMessage();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
