package ai.wevion.token.crypto;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import org.jboss.logmanager.ExtLogRecord;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * Masks anything shaped like a provider token in every log line (T2), as a
 * second line of defence: the code never logs a token on purpose.
 */
@LoggingFilter(name = "token-masking")
public final class TokenMaskingFilter implements Filter {

    private static final Pattern SECRETS = Pattern.compile(
            "((?:access_token|fb_exchange_token|input_token|client_secret|code|refresh_token)=)[^&\\s\"']+"
                    + "|(\"(?:access_token|accessToken|refresh_token)\"\\s*:\\s*\")[^\"]+"
                    + "|\\bEAA[A-Za-z0-9]{16,}");

    /** Formats the line first, so that secrets in parameters are masked too. */
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
        return true;
    }

    static String mask(String text) {
        return SECRETS.matcher(text).replaceAll(m -> {
            String prefix = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "";
            return java.util.regex.Matcher.quoteReplacement(prefix + "****");
        });
    }
}
