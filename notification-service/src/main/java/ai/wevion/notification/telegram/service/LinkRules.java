package ai.wevion.notification.telegram.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Telegram linking (N5): the one-time link token (32 random bytes, URL-safe,
 * 43 characters; only its SHA-256 is stored), the bot's {@code /start <token>}
 * command, and the reply to each way it can fail. Pure: no I/O.
 */
public final class LinkRules {

    static final String LINKED = "Telegram is now linked to your Wevion account. Notifications will arrive here.";
    static final String NO_TOKEN = "To link this chat, open Wevion → Settings → Notifications → Connect Telegram and press the link there.";
    static final String INVALID = "This link is not valid. Open Wevion → Settings → Notifications → Connect Telegram for a new one.";
    static final String EXPIRED = "This link has expired (links last 24 hours). Open Wevion → Settings → Notifications → Connect Telegram for a new one.";
    static final String USED = "This link was already used. Open Wevion → Settings → Notifications → Connect Telegram for a new one.";

    private static final String START = "/start";
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private LinkRules() {
    }

    /** 32 random bytes, base64url without padding. */
    static String newToken(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String deepLink(String botUsername, String token) {
        return "https://t.me/" + botUsername + "?start=" + token;
    }

    /** Only the token's SHA-256 is stored: a database dump links no chat. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload of a {@code /start} command (trimmed message text), "" without one; null when the text is not {@code /start}. */
    static String startPayload(String text) {
        return text.equals(START) || text.startsWith(START + " ") ? text.substring(START.length()).trim() : null;
    }

    /** The reply to a payload that cannot be a link token, or null when it may be one. */
    static String refusalOfPayload(String payload) {
        if (payload.isEmpty()) {
            return NO_TOKEN;
        }
        return PAYLOAD.matcher(payload).matches() ? null : INVALID;
    }

    /** The reply to a stored token that cannot link (unknown: {@code exists} false), or null when it links the chat. */
    static String refusalOfToken(boolean exists, Instant usedAt, Instant expiresAt, Instant now) {
        if (!exists) {
            return INVALID;
        }
        if (usedAt != null) {
            return USED;
        }
        return expiresAt.isAfter(now) ? null : EXPIRED;
    }
}
