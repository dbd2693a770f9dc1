package io.pricestream.schemas.registry;

/**
 * A Schema Registry answered with an error, or could not be asked at all.
 *
 * <p>Carries the HTTP status and Confluent's {@code error_code} (40401 subject not found, 40402 version not
 * found, 40403 schema not found, 409 incompatible, 42201 invalid schema, ...), so callers can tell "this
 * schema id does not exist" from "the registry refused this schema". The embedded registry server throws the
 * same type and renders it as Confluent's error body.
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the registry's answer; -1 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code} from the answer's body; -1 when there was no answer. */
    public int errorCode() {
        return errorCode;
    }

    /** True for "no such subject / version / schema" answers (HTTP 404). */
    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
