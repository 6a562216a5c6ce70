package ai.wevion.logmasking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** No provider credential reaches a log line, in the message or in a stack trace (T2). */
class TokenMaskingFilterTest {

    private final TokenMaskingFilter filter = new TokenMaskingFilter();

    @Test
    void everyProvidersTokenShapeIsMasked_T2() {
        String[] secrets = {"EAAGm0PX4ZCpsBAOZCZBwxyzabcdef123", "ya29.a0AfH6SMBx-secret_value", "1//0gLongRefreshTokenValue-abc",
            "sk_live_51HxYzAbCdEf", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ", "snap-access-123", "tt-creator-refresh-9"};
        String line = "Meta " + secrets[0] + " Google " + secrets[1] + " refresh " + secrets[2] + " Stripe " + secrets[3] + " bot "
                + secrets[4] + " form access_token=" + secrets[5] + "&x=1 json {\"refresh_token\":\"" + secrets[6] + "\"}";

        String masked = logged(line, null);

        for (String secret : secrets) {
            assertThat(masked).doesNotContain(secret);
        }
        assertThat(masked).contains("access_token=****").contains("\"refresh_token\":\"****\"");
    }

    @Test
    void authorizationHeadersOfEveryKindAreMasked_T2() {
        String masked = logged("Authorization: Bearer abc.def.ghi Access-Token: tiktok-123 OB-TOKEN-V1: outbrain-456 "
                + "authorization=Basic dXNlcjpwYXNz", null);

        assertThat(masked).doesNotContain("abc.def.ghi").doesNotContain("tiktok-123").doesNotContain("outbrain-456")
                .doesNotContain("dXNlcjpwYXNz");
    }

    @Test
    void aStackTraceQuotingATokenIsMaskedWithItsCauses_T2() {
        Exception thrown = new IllegalStateException("call failed for access_token=EAAsecretsecretsecret123",
                new RuntimeException("Bearer header was Authorization: Bearer ya29.inner-secret"));

        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "refresh failed", TokenMaskingFilterTest.class.getName());
        record.setThrown(thrown);
        filter.isLoggable(record);
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));

        assertThat(trace.toString()).contains("java.lang.IllegalStateException: call failed for access_token=****")
                .contains("Caused by: java.lang.RuntimeException").contains("TokenMaskingFilterTest")
                .doesNotContain("EAAsecretsecretsecret123").doesNotContain("ya29.inner-secret");
    }

    private String logged(String message, Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, TokenMaskingFilterTest.class.getName());
        record.setThrown(thrown);
        filter.isLoggable(record);
        return record.getFormattedMessage();
    }
}
