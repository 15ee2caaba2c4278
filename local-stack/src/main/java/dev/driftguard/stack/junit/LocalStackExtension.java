package dev.driftguard.stack.junit;

import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.PostgresPair;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the local stack: declare a constructor, test-method or lifecycle-method parameter of type
 * {@link LocalPostgres}, {@link PostgresPair} or {@link LocalKafka} and add
 * {@code @ExtendWith(LocalStackExtension.class)}.
 *
 * <p>Each is started lazily on first use and shared by every test class of the test JVM (it lives in the root
 * extension context, which closes it when the test run ends). Tests share the servers, so each test works in its own
 * database ({@link LocalPostgres#createUniqueDatabase}, {@link PostgresPair#createUniqueDatabase}) and its own topics.
 */
public final class LocalStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    private static final Map<Class<?>, Supplier<? extends AutoCloseable>> STARTERS = Map.of(
            LocalPostgres.class, LocalPostgres::start,
            PostgresPair.class, PostgresPair::start,
            LocalKafka.class, LocalKafka::start);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return STARTERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(parameter.getParameter().getType(), context);
    }

    /** The shared {@link LocalPostgres} of this test JVM, started if needed. */
    public static LocalPostgres postgres(ExtensionContext context) {
        return shared(LocalPostgres.class, context);
    }

    /** The shared {@link PostgresPair} of this test JVM, started if needed. */
    public static PostgresPair postgresPair(ExtensionContext context) {
        return shared(PostgresPair.class, context);
    }

    /** The shared {@link LocalKafka} of this test JVM, started if needed. */
    public static LocalKafka kafka(ExtensionContext context) {
        return shared(LocalKafka.class, context);
    }

    private static <T> T shared(Class<T> type, ExtensionContext context) {
        Supplier<? extends AutoCloseable> starter = STARTERS.get(type);
        // The root store closes AutoCloseable values when the whole test plan has run.
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(type, t -> type.cast(starter.get()), type);
    }
}
