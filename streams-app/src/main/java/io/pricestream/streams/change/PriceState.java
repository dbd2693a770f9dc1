package io.pricestream.streams.change;

import java.time.Instant;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * What the change detector remembers per price key.
 *
 * @param fingerprint    {@link PriceFingerprint} of the last record emitted to prices.sku
 * @param lastObservedAt newest observed_at seen for the key (older observations are ignored)
 * @param lastSeenRun    run_id of the newest observation (retirement: was it seen in the marker's run?)
 * @param status         status of the last emitted record
 * @param service        service / service_name / service id / region of the price, kept unencoded so that a
 *                       run marker's scope can be matched while scanning without decoding the price; the
 *                       service id is the {@code serviceId} attribute (GCP and Azure scopes may name services by id)
 * @param lastEmitted    the last emitted record (Avro binary), copied into a RETIRED record on retirement
 */
public record PriceState(String fingerprint, long lastObservedAt, String lastSeenRun, PriceStatus status,
                         String service, String serviceName, String serviceId, String region, byte[] lastEmitted) {

    /** The attribute holding a service's id, which a run's scope may use instead of its name. */
    public static final String SERVICE_ID_ATTRIBUTE = "serviceId";

    /** State after emitting {@code price}. */
    public static PriceState emitted(SkuPrice price, String fingerprint) {
        return new PriceState(fingerprint, price.getObservedAt().toEpochMilli(), price.getRunId(), price.getStatus(),
                price.getService(), price.getServiceName(),
                price.getAttributes() == null ? null : price.getAttributes().get(SERVICE_ID_ATTRIBUTE),
                price.getRegion(), SkuPriceBinary.encode(price));
    }

    /** The same content seen again by {@code runId} at {@code observedAt}. */
    public PriceState seenAgain(String runId, Instant observedAt) {
        return new PriceState(fingerprint, observedAt.toEpochMilli(), runId, status, service, serviceName, serviceId, region, lastEmitted);
    }

    public SkuPrice lastEmittedPrice() {
        return SkuPriceBinary.decode(lastEmitted);
    }
}
