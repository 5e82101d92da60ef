package io.cassguard.service.upward;

import io.cassguard.service.upward.child.SubPackageThatUsesItsParent;

/**
 * One half of a deliberate cycle between a service package and its sub-package, for {@code ArchitectureTest} to show
 * that its cycle rule sees sub-packages too. Only the architecture test's own check imports it.
 */
public final class PackageThatUsesItsSubPackage {

    private PackageThatUsesItsSubPackage() {
    }

    public static String name() {
        return SubPackageThatUsesItsParent.class.getSimpleName();
    }
}
