package io.cassguard.service.cassandra;

import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The driver's threads, shared by every session of every reader: one I/O event loop, one admin executor, one timer.
 * By default each driver session makes its own; a cluster that cannot be reached would then cost new threads at
 * each connection attempt. Sessions do not shut these down ({@link #onClose()}); {@link #shutdown()} does, once.
 */
final class SharedNetty implements NettyOptions {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final EventLoopGroup io = new NioEventLoopGroup(1, new DefaultThreadFactory("cassandra-reader-io", true));
    private final DefaultEventLoopGroup admin =
            new DefaultEventLoopGroup(1, new DefaultThreadFactory("cassandra-reader-admin", true));
    private final HashedWheelTimer timer = new HashedWheelTimer(
            new DefaultThreadFactory("cassandra-reader-timer", true), 100, TimeUnit.MILLISECONDS, 512);

    SharedNetty() {
        timer.start();
    }

    @Override
    public EventLoopGroup ioEventLoopGroup() {
        return io;
    }

    @Override
    public Class<? extends Channel> channelClass() {
        return NioSocketChannel.class;
    }

    @Override
    public EventExecutorGroup adminEventExecutorGroup() {
        return admin;
    }

    @Override
    public ByteBufAllocator allocator() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public void afterBootstrapInitialized(Bootstrap bootstrap) {
        bootstrap.option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
    }

    @Override
    public void afterChannelInitialized(Channel channel) {
    }

    @Override
    public Future<Void> onClose() {
        return GlobalEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    @Override
    public Timer getTimer() {
        return timer;
    }

    void shutdown() {
        admin.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        timer.stop();
    }
}
