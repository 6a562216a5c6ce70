package ai.wevion.logmasking;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks anything shaped like a credential in every log line (T2), as a second
 * line of defence: the code never logs a token on purpose. It covers the
 * message and the stack trace (an exception's message can quote a request),
 * and every provider's shapes: query and form fields, JSON fields,
 * {@code Authorization} headers, Meta's {@code EAA…}, Google's {@code ya29.…}
 * and {@code 1//…}, Stripe's keys and Telegram's bot tokens.
 */
@LoggingFilter(name = "token-masking")
public final class TokenMaskingFilter implements Filter {

    private static final String FIELDS = "access_token|fb_exchange_token|input_token|client_secret|code|auth_code|refresh_token|secret"
            + "|password|bot_token";
    private static final Pattern SECRETS = Pattern.compile(
            "((?:" + FIELDS + ")=)[^&\\s\"']+"
                    + "|(\"(?:" + FIELDS + "|accessToken|refreshToken|clientSecret)\"\\s*:\\s*\")[^\"]+"
                    + "|((?i:authorization|access-token|ob-token-v1)\\s*[:=]\\s*(?:(?i:bearer|basic)\\s+)?)[^\\s,\"']+"
                    + "|\\bEAA[A-Za-z0-9]{16,}"
                    + "|\\bya29\\.[A-Za-z0-9_\\-.]+"
                    + "|\\b1//[A-Za-z0-9_\\-]{10,}"
                    + "|\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9_]+"
                    + "|\\bbot\\d{6,12}:[A-Za-z0-9_\\-]{30,}|\\b\\d{6,12}:[A-Za-z0-9_\\-]{30,}");

    /** Formats the line first, so that secrets in parameters are masked too; then the thrown exception's chain. */
    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            if (formatted != null) {
                ext.setMessage(mask(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null) {
            record.setMessage(mask(record.getMessage()));
        }
        if (record.getThrown() != null) {
            record.setThrown(Masked.of(record.getThrown(), 0));
        }
        return true;
    }

    static String mask(String text) {
        return SECRETS.matcher(text).replaceAll(m -> {
            String prefix = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
            return Matcher.quoteReplacement(prefix + "****");
        });
    }

    /** An exception as logged: the original's class, masked message and stack frames; its causes likewise. */
    static final class Masked extends RuntimeException {
        private final String shown;

        private Masked(String shown, Throwable cause) {
            super(shown, cause, false, true);
            this.shown = shown;
        }

        static Throwable of(Throwable original, int depth) {
            if (original == null || original instanceof Masked || depth > 20) {
                return original;
            }
            String message = original.getMessage();
            Masked masked = new Masked(original.getClass().getName() + (message == null ? "" : ": " + mask(message)),
                    of(original.getCause(), depth + 1));
            masked.setStackTrace(original.getStackTrace());
            for (Throwable suppressed : original.getSuppressed()) {
                masked.addSuppressed(of(suppressed, depth + 1));
            }
            return masked;
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
