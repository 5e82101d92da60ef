package io.cassguard.service.access;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read endpoint (docs/webhook.md): in-cluster it needs a bearer token that the Kubernetes API accepts and that is
 * allowed {@code get} on {@code <value>.cassguard.io}; standalone it answers on loopback only. Admission endpoints
 * do not carry it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadAccess {

    /** The resource in API group {@code cassguard.io} that RBAC grants, e.g. {@code auditrecords}. */
    String value() default "";
}
