package ai.wevion.token;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * A config interface ({@code @ConfigMapping}) without Quarkus, for plain unit
 * tests: each method answers the value named after it, a nested interface
 * answers another stub, and anything unnamed fails the test loudly (so a test
 * never silently reads a value it did not set).
 */
public final class ConfigStub {

    private ConfigStub() {
    }

    /** {@code values}: method name to answer; an {@code Optional} method may be given the bare value. */
    public static <T> T of(Class<T> type, Map<String, Object> values) {
        Object stub = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            if (!values.containsKey(method.getName())) {
                if (method.getReturnType() == Optional.class) {
                    return Optional.empty();
                }
                throw new AssertionError(type.getSimpleName() + "." + method.getName() + "() was read but the test did not set it");
            }
            Object value = values.get(method.getName());
            return method.getReturnType() == Optional.class && !(value instanceof Optional) ? Optional.ofNullable(value) : value;
        });
        return type.cast(stub);
    }
}
