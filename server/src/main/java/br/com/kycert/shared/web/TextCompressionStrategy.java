package br.com.kycert.shared.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Micronaut's compression decision, plus {@code application/yaml} (RFC 9512): Micronaut counts only {@code x-yaml}
 * as text, so the 90 KB contract at {@code /openapi.yaml} went out uncompressed. Which encodings may be used is
 * decided at the edge ({@link EdgeHandler}: gzip or deflate only).
 */
@Singleton
@Replaces(HttpCompressionStrategy.class)
final class TextCompressionStrategy implements HttpCompressionStrategy {

    private final int threshold;
    private final int level;
    private final int maxZstdEncodeSize;

    TextCompressionStrategy(NettyHttpServerConfiguration configuration) {
        this.threshold = configuration.getCompressionThreshold();
        this.level = configuration.getCompressionLevel();
        this.maxZstdEncodeSize = configuration.getMaxZstdEncodeSize();
    }

    @Override
    public boolean isEnabled() {
        return threshold >= 0;
    }

    @Override
    public boolean shouldCompress(HttpResponse response) {
        if (!isEnabled()) {
            return false;
        }
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        Integer length = response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH);
        return contentType != null
                && (length == null || length >= threshold)
                && (MediaType.isTextBased(contentType) || isYaml(contentType));
    }

    @Override
    public int getCompressionLevel() {
        return level;
    }

    @Override
    public int getMaxZstdEncodeSize() {
        return maxZstdEncodeSize;
    }

    private static boolean isYaml(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith("application/yaml");
    }
}
