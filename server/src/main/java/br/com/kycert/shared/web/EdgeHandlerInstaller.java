package br.com.kycert.shared.web;

import br.com.kycert.api.model.Problem;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.serde.ObjectMapper;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Puts an {@link EdgeHandler} right behind the HTTP decoder of every connection. */
@Singleton
final class EdgeHandlerInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String HANDLER_NAME = "kycert-edge";

    private final ObjectMapper json;
    private final NettyHttpServerConfiguration configuration;

    EdgeHandlerInstaller(ObjectMapper json, NettyHttpServerConfiguration configuration) {
        this.json = json;
        this.configuration = configuration;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private byte[] render(EdgeHandler.EdgeProblem p) {
        Problem problem = new Problem(
                "/problems/" + p.code().getValue(),
                ProblemRenderer.title(p.code(), p.status().reasonPhrase()),
                p.status().code(),
                p.code(),
                p.requestId());
        problem.setDetail(p.detail());
        try {
            return json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            var pipeline = channel.pipeline();
            if (pipeline.get(HANDLER_NAME) == null
                    && pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                pipeline.addAfter(
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        HANDLER_NAME,
                        new EdgeHandler(
                                EdgeHandlerInstaller.this::render,
                                configuration.getMaxInitialLineLength(),
                                configuration.getMaxHeaderSize(),
                                configuration.getMaxRequestSize()));
            }
        }
    }
}
