package ai.wevion.sim.meta;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sim.meta")
public interface MetaConfig {

    String appId();

    String appSecret();

    long shortLivedSeconds();

    long longLivedSeconds();
}
