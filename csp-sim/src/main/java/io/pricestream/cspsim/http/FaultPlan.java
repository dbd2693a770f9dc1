package io.pricestream.cspsim.http;

/**
 * The faults decided for one request.
 *
 * @param throttle     answer 429
 * @param error        answer 5xx
 * @param html         answer 200 with an HTML page
 * @param truncateAtBytes cut the body after this many bytes on the wire, or -1
 * @param delayMs      wait before responding
 * @param pageLoop     a paged response points its next link at itself
 */
public record FaultPlan(boolean throttle, boolean error, boolean html, long truncateAtBytes, int delayMs,
                        boolean pageLoop) {
    /** No fault. */
    public static final FaultPlan NONE = new FaultPlan(false, false, false, -1, 0, false);

    /** Whether the response differs from the un-faulted one: everything but a delay changes it. */
    public boolean changesResponse() {
        return throttle || error || html || truncateAtBytes >= 0 || pageLoop;
    }
}
