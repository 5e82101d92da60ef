package io.cassguard.engine.cluster;

/**
 * A container image reference split into repository, tag and digest, e.g.
 * {@code docker.io/library/cassandra:4.1.5@sha256:...}.
 */
public record ImageReference(String repository, String tag, String digest) {

    public static ImageReference parse(String image) {
        String rest = image == null ? "" : image.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        // A colon before the last slash belongs to a registry port (registry:5000/cassandra), not to a tag.
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /** The last path segment of the repository: {@code cassandra} for {@code docker.io/library/cassandra}. */
    public String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }
}
