package ai.wevion.token.provider;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Spaces calls to one provider at most {@code perSecond} apart, without blocking a thread. */
public final class CallPacer {

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong();

    public CallPacer(int perSecond) {
        this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
    }

    public <T> Uni<T> paced(Uni<T> call) {
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now, (next, n) -> Math.max(next, n) + intervalNanos);
        long waitMillis = (Math.max(slot, now) - now) / 1_000_000;
        return waitMillis < 1 ? call : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMillis)).chain(() -> call);
    }
}
