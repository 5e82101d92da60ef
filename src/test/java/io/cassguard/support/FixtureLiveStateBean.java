package io.cassguard.support;

import io.cassguard.engine.fixtures.FixtureLiveState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** {@link FixtureLiveState} as the service's live state, enabled by {@link LiveStateProfile} only. */
@Alternative
@ApplicationScoped
public class FixtureLiveStateBean extends FixtureLiveState {
}
