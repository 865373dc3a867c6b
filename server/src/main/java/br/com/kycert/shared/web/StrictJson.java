package br.com.kycert.shared.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request bodies are read strictly: a string field takes a JSON string (not a number, a boolean or
 * a one-element array), a UUID field takes a canonical UUID, and neither may contain NUL. Wrong
 * types are a 400 naming the field, never silently converted.
 */
@Factory
final class StrictJson {

    static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    @Singleton
    Deserializer<String> strings() {
        return new Deserializer<>() {
            @Override
            public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
                    throws IOException {
                return text(decoder, "a string", type);
            }

            @Override
            public boolean allowNull() {
                return true;
            }
        };
    }

    @Singleton
    Deserializer<UUID> uuids() {
        return new Deserializer<>() {
            @Override
            public UUID deserialize(Decoder decoder, DecoderContext context, Argument<? super UUID> type)
                    throws IOException {
                String text = text(decoder, "a UUID", type);
                if (text == null) {
                    return null;
                }
                if (!UUID_TEXT.matcher(text).matches()) {
                    throw decoder.createDeserializationException(
                            "Invalid value for field [" + type.getName() + "]: expected a UUID", null);
                }
                return UUID.fromString(text);
            }

            @Override
            public boolean allowNull() {
                return true;
            }
        };
    }

    private static String text(Decoder decoder, String expected, Argument<?> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw decoder.createDeserializationException(
                    "Invalid value for field [" + type.getName() + "]: expected " + expected, null);
        }
        String value = node.getStringValue();
        if (value.indexOf('\u0000') >= 0) {
            throw decoder.createDeserializationException(
                    "Invalid value for field [" + type.getName() + "]: NUL characters are not allowed", null);
        }
        return value;
    }
}
