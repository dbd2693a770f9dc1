package io.pricestream.connect.schema;

/**
 * The price schema could not be migrated or checked: the database is unreachable, or what it holds
 * does not match the migrations this build ships. The message names the database (JDBC URL without
 * credentials) and every problem found, so start-up can fail with one clear line.
 */
public class PriceSchemaException extends RuntimeException {

    public PriceSchemaException(String message) {
        super(message);
    }

    public PriceSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
