package io.cassguard.service.upward.child;

import io.cassguard.service.upward.PackageThatUsesItsSubPackage;

/** The other half of the cycle of {@link PackageThatUsesItsSubPackage}. */
public final class SubPackageThatUsesItsParent {

    private SubPackageThatUsesItsParent() {
    }

    public static String parent() {
        return PackageThatUsesItsSubPackage.name();
    }
}
