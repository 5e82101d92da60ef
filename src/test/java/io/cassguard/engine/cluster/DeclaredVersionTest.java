package io.cassguard.engine.cluster;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Cassandra version an object asks for (docs/kinds.md), from real image names and serverVersion values. */
class DeclaredVersionTest {

    @ParameterizedTest(name = "{0} / serverVersion {1} -> {2} {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # image                                                        | serverVersion | pin      | version
            cassandra:4.1.5                                                | -             | PINNED   | 4.1.5
            cassandra:3.11                                                 | -             | PINNED   | 3.11
            cassandra:5.0                                                  | -             | PINNED   | 5.0
            docker.io/library/cassandra:4.0.13                             | -             | PINNED   | 4.0.13
            orangeopensource/cassandra-image:3.11.4-8u212-0.3.1            | -             | PINNED   | 3.11.4
            k8ssandra/cass-management-api:4.0.1-ubi8                       | -             | PINNED   | 4.0.1
            k8ssandra/cass-management-api:3.11.7-v0.1.5                    | -             | PINNED   | 3.11.7
            bitnami/cassandra:4.1.3-debian-11-r76                          | -             | PINNED   | 4.1.3
            registry.example.com:5000/cassandra:4.1.5                      | -             | PINNED   | 4.1.5
            cassandra:jdk11-4.1                                            | -             | PINNED   | 4.1
            cassandra:4.1.5@sha256:3f2a9c0e1b7d4c5a6e8f9a0b1c2d3e4f5a6b7c8d | -             | PINNED   | 4.1.5
            cassandra:latest                                               | -             | UNPINNED | -
            cassandra:LATEST                                               | -             | UNPINNED | -
            cassandra                                                      | -             | UNPINNED | -
            registry.example.com:5000/cassandra                            | -             | UNPINNED | -
            cassandra@sha256:3f2a9c0e1b7d4c5a6e8f9a0b1c2d3e4f5a6b7c8d       | -             | UNKNOWN  | -
            cassandra:latest@sha256:3f2a9c0e1b7d4c5a6e8f9a0b1c2d3e4f5a6b7c8d | -             | UNKNOWN  | -
            cassandra:v13                                                  | -             | UNKNOWN  | -
            cassandra:4                                                    | -             | UNKNOWN  | -
            orangeopensource/cassandra-image:8u212                         | -             | UNKNOWN  | -
            k8ssandra/cass-management-api:4-ubi8                           | 4.1.4         | PINNED   | 4.1.4
            cassandra:latest                                               | 4.0           | PINNED   | 4.0
            cassandra:4.1.5                                                | banana        | UNKNOWN  | -
            -                                                              | -             | UNKNOWN  | -
            """, delimiter = '|')
    void readsTheVersionFromServerVersionElseTheImageTag(String image, String serverVersion, DeclaredVersion.Pin pin,
                                                         String version) {
        DeclaredVersion declared = DeclaredVersion.of(serverVersion, image);

        assertThat(declared.pin()).isEqualTo(pin);
        assertThat(declared.version() == null ? null : declared.version().toString()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cassandra:latest                                                  | image cassandra:latest is tagged latest
            cassandra                                                         | image cassandra has no tag, which means cassandra:latest
            cassandra:v13                                                     | image cassandra:v13 has no version in its tag
            cassandra@sha256:3f2a9c0e1b7d4c5a6e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b | image cassandra@sha256:3f2a9c0e1b7d… is pinned by digest only
            """)
    void explainsWhyAnImageHasNoKnownVersion(String image, String problem) {
        assertThat(DeclaredVersion.of(null, image).problem()).isEqualTo(problem);
    }
}
