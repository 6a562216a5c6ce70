package ai.wevion.sim.meta;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "sim.meta")
public interface MetaConfig {

    String appId();

    String appSecret();

    long shortLivedSeconds();

    long longLivedSeconds();

    /** Where Meta posts the deauthorize callback when a user removes the app. */
    Optional<String> deauthorizeCallbackUrl();
}
