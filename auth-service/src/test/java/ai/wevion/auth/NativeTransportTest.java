package ai.wevion.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Session refreshes are served over Netty's epoll transport, not Java's NIO
 * selector (A2, issue 15 point 2: the refresh's p99 at 32 connections on JDK 17,
 * docs/performance.md). Without the native library on the class path or with the
 * setting gone, Vert.x silently falls back to NIO: this test is what notices.
 */
@QuarkusTest
class NativeTransportTest {

    @Inject
    Vertx vertx;

    @Test
    void refreshesAreServedOverNettysEpollTransport_A2() {
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x runs on Java NIO, not epoll (quarkus.vertx.prefer-native-transport off, or the library could not load: "
                + vertx.unavailableNativeTransportCause() + ")");
        AuthApi.refresh(AuthApi.newWorkspaceOwner().cookie()).then().statusCode(200);
    }
}
