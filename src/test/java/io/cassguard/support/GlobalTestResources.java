package io.cassguard.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every {@code @QuarkusTest} shares one service, started with the {@link TestEnvironment}. */
@WithTestResource(value = TestEnvironment.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
