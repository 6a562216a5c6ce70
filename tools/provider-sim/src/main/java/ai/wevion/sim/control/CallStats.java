package ai.wevion.sim.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls per provider, endpoint and user: {@code "meta:exchange:<externalUserId>"}. */
@ApplicationScoped
public class CallStats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    public void count(String provider, String endpoint, String userId) {
        calls.computeIfAbsent(provider + ":" + endpoint + ":" + userId, k -> new LongAdder()).increment();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        calls.clear();
    }
}
