package ai.wevion.sim.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class SimUsers {

    private final Map<String, SimUser> users = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    public SimUser create(String provider, String name, Long tokenLifetimeSeconds, Long dataAccessSeconds,
            List<SimUser.AdAccount> adAccounts) {
        String id = String.valueOf(sequence.incrementAndGet());
        SimUser user = new SimUser(provider, id, name, tokenLifetimeSeconds, dataAccessSeconds, adAccounts);
        users.put(key(provider, id), user);
        return user;
    }

    public Optional<SimUser> find(String provider, String id) {
        return Optional.ofNullable(users.get(key(provider, id)));
    }

    /** The provider's simulated people, oldest first (the consent page lists them). */
    public List<SimUser> list(String provider) {
        return users.values().stream().filter(u -> u.provider().equals(provider))
                .sorted(java.util.Comparator.comparingLong(u -> Long.parseLong(u.id()))).toList();
    }

    private static String key(String provider, String id) {
        return provider + ":" + id;
    }
}
