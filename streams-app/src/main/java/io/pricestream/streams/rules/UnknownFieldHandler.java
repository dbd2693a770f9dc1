package io.pricestream.streams.rules;

import java.io.IOException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

/** Turns an unknown key of a rules file into an error that names the key and lists the known ones. */
final class UnknownFieldHandler extends DeserializationProblemHandler {

    /** An unknown key; {@link #field()} completes the error's path. */
    static final class UnknownFieldException extends JsonMappingException {

        private final String field;

        UnknownFieldException(JsonParser parser, String field, String message) {
            super(parser, message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        String known = deserializer.getKnownPropertyNames().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        throw new UnknownFieldException(parser, propertyName, "unknown field '" + propertyName + "'; known fields: " + known);
    }
}
