package io.cassguard.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.api.core.session.SessionBuilder;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.context.NettyOptions;

/** A driver session builder whose sessions run on the {@link SharedNetty} threads. */
final class ReaderSessionBuilder extends SessionBuilder<ReaderSessionBuilder, CqlSession> {

    private final SharedNetty netty;

    ReaderSessionBuilder(SharedNetty netty) {
        this.netty = netty;
    }

    @Override
    protected DriverContext buildContext(DriverConfigLoader configLoader, ProgrammaticArguments arguments) {
        return new DefaultDriverContext(configLoader, arguments) {
            @Override
            protected NettyOptions buildNettyOptions() {
                return netty;
            }
        };
    }

    @Override
    protected CqlSession wrap(CqlSession session) {
        return session;
    }
}
