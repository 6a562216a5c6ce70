package ai.wevion.sim.control;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/** The latency added to every provider call ({@code POST /sim/settings}); never blocks a thread. */
@ApplicationScoped
public class SimLatency {

    private volatile long latencyMs;

    public void set(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    public <T> Uni<T> after(Supplier<T> answer) {
        return after(Duration.ofMillis(latencyMs), answer);
    }

    public <T> Uni<T> after(Duration delay, Supplier<T> answer) {
        Uni<T> uni = Uni.createFrom().item(answer);
        return delay.isZero() ? uni : uni.onItem().delayIt().by(delay);
    }

    public long latencyMs() {
        return latencyMs;
    }
}
