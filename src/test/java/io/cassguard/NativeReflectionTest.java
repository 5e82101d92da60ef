package io.cassguard;

import io.cassguard.engine.cluster.GuardedKind;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.policy.Catalog;
import io.cassguard.engine.rules.Rule;
import io.cassguard.service.NativeReflection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native image keeps only the reflection it is told about. Jackson binds cassguard's own classes by
 * reflection where no REST signature tells Quarkus about them: the objects read from AdmissionReviews and the
 * rule and mutation parameters read from policies. Each of them, and each of its own classes it holds, must be a
 * target of {@link NativeReflection}'s {@link RegisterForReflection}.
 */
class NativeReflectionTest {

    private final Catalog catalog = Catalog.standard();

    @Test
    void everyClassJacksonBindsByReflectionIsRegisteredForTheNativeImage() {
        Set<Class<?>> bound = new LinkedHashSet<>();
        for (GuardedKind kind : GuardedKind.values()) {
            collect(kind.type(), bound);
        }
        for (Rule<?> rule : catalog.rules()) {
            collect(rule.parametersType(), bound);
        }
        for (Mutation<?> mutation : catalog.mutations()) {
            collect(mutation.parametersType(), bound);
        }

        assertThat(bound).as("cassguard classes bound by Jackson").isNotEmpty();
        Set<Class<?>> registered = Set.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets());
        List<String> unregistered = new ArrayList<>();
        for (Class<?> type : bound) {
            if (!registered.contains(type) && !type.isEnum() && !type.isInterface()) {
                unregistered.add(type.getName());
            }
        }
        assertThat(unregistered).as("classes without @RegisterForReflection").isEmpty();
    }

    /** The class and, recursively, the cassguard classes its fields and generic superclass name. */
    private static void collect(Type type, Set<Class<?>> bound) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), bound);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, bound);
            }
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), bound);
        } else if (type instanceof Class<?> array && array.isArray()) {
            collect(array.getComponentType(), bound);
        } else if (type instanceof Class<?> own && own.getName().startsWith("io.cassguard.") && bound.add(own)) {
            collect(own.getGenericSuperclass(), bound);
            for (Field field : own.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    collect(field.getGenericType(), bound);
                }
            }
        }
    }
}
