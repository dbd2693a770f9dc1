package io.pricestream.streams.validate;

/**
 * Why one raw record is refused.
 *
 * @param reason  the class of problem (metric tag, {@code pricestream.error.class} header)
 * @param message what exactly failed, naming the field and value ({@code pricestream.error} header)
 */
public record Rejection(RejectReason reason, String message) {
}
