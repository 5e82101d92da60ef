package io.cassguard.engine.cluster;

import io.cassguard.engine.cluster.ImageReference;

import java.util.Objects;
import java.util.Optional;

/**
 * The Cassandra version an object asks for (docs/kinds.md): {@code serverVersion} when set, else the first
 * MAJOR.MINOR[.PATCH] in the image tag. {@code latest} or no tag is unpinned: any restart may pull another
 * version. A digest only, or a tag without a version ({@code v13}), runs some fixed but unknown version.
 *
 * @param version       the version when {@link #pin()} is PINNED, else null
 * @param serverVersion the object's {@code serverVersion}, or null
 * @param image         the object's image, or null when it leaves the image to the operator
 */
public record DeclaredVersion(Pin pin, CassandraVersion version, String serverVersion, String image) {

    public enum Pin { PINNED, UNPINNED, UNKNOWN }

    private static final int SHOWN_DIGEST_LENGTH = 12;

    public static DeclaredVersion of(String serverVersion, String image) {
        String server = serverVersion == null || serverVersion.isBlank() ? null : serverVersion.strip();
        String img = image == null || image.isBlank() ? null : image.strip();
        Optional<CassandraVersion> version = server != null ? CassandraVersion.find(server) : versionOfImage(img);
        if (version.isPresent()) {
            return new DeclaredVersion(Pin.PINNED, version.get(), server, img);
        }
        boolean unpinned = server == null && img != null && isUnpinnedImage(ImageReference.parse(img));
        return new DeclaredVersion(unpinned ? Pin.UNPINNED : Pin.UNKNOWN, null, server, img);
    }

    private static Optional<CassandraVersion> versionOfImage(String image) {
        return image == null ? Optional.empty() : CassandraVersion.find(ImageReference.parse(image).tag());
    }

    private static boolean isUnpinnedImage(ImageReference image) {
        return image.digest() == null && (image.tag() == null || "latest".equalsIgnoreCase(image.tag()));
    }

    public boolean isPinned() {
        return pin == Pin.PINNED;
    }

    /** Whether the object asks for something else: another version, or another image of the same version. */
    public boolean differsFrom(DeclaredVersion other) {
        return !Objects.equals(serverVersion, other.serverVersion) || !Objects.equals(image, other.image);
    }

    /** Whether another declaration runs another Cassandra version (or, when either is not pinned, another image). */
    public boolean changesVersionFrom(DeclaredVersion other) {
        return isPinned() && other.isPinned() ? !version.equals(other.version) : differsFrom(other);
    }

    /** What declares the version, for messages: {@code Cassandra 4.1.5} or {@code image cassandra@sha256:3f2a…}. */
    public String describe() {
        if (isPinned()) {
            return "Cassandra " + version;
        }
        if (serverVersion != null) {
            return "serverVersion " + serverVersion;
        }
        return image == null ? "the operator's default image" : "image " + shortImage();
    }

    /** Why the version is not known, for an unpinned or unknown declaration. */
    public String problem() {
        if (serverVersion != null) {
            return "serverVersion \"" + serverVersion + "\" is not a MAJOR.MINOR[.PATCH] version";
        }
        return image == null ? "no image is set, so the operator's default image runs" : imageProblem();
    }

    /** An image that any restart may pull anew in another version ({@code latest}, no tag), even with serverVersion. */
    public boolean imageUnpinned() {
        return image != null && isUnpinnedImage(ImageReference.parse(image));
    }

    /** Why the image alone does not say which version runs. */
    public String imageProblem() {
        ImageReference reference = ImageReference.parse(image);
        if (reference.digest() != null) {
            return "image " + shortImage() + " is pinned by digest only";
        }
        if (reference.tag() == null) {
            return "image " + image + " has no tag, which means " + image + ":latest";
        }
        return "latest".equalsIgnoreCase(reference.tag())
                ? "image " + image + " is tagged " + reference.tag()
                : "image " + image + " has no version in its tag";
    }

    /** The image with its digest shortened, so that a message stays readable. */
    private String shortImage() {
        int at = image.indexOf('@');
        int colon = image.indexOf(':', at + 1);
        if (at < 0 || colon < 0 || image.length() - colon - 1 <= SHOWN_DIGEST_LENGTH) {
            return image;
        }
        return image.substring(0, colon + 1 + SHOWN_DIGEST_LENGTH) + "…";
    }
}
