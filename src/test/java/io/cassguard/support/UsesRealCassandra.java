package io.cassguard.support;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real Cassandra nodes a test class uses ({@link RealCassandra}): {@link EarlyCassandra} starts them in the
 * background as soon as a run that holds the class begins. Tagged, so that {@code -Dgroups=real-cassandra} runs
 * those classes alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-cassandra")
public @interface UsesRealCassandra {

    /** The nodes; they are started in the enum's order (dc1 before dc2, whose seed it is). */
    RealCassandra.NodeName[] value();
}
