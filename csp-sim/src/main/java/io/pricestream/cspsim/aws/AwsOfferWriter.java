package io.pricestream.cspsim.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.Segment;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Streams the AWS bulk files (offer index, version index, region index, offer files) as JSON. */
final class AwsOfferWriter {
    static final String DISCLAIMER = "This pricing list is for informational purposes only. All prices are subject "
            + "to the additional terms included in the pricing pages on http://aws.amazon.com. All Free Tier prices "
            + "are also subject to the terms included at https://aws.amazon.com/free/ (simulated by pricestream csp-sim)";
    static final String PATH = "/offers/v1.0/aws/";

    private final AwsLayout layout;
    private final AwsVersions versions;

    AwsOfferWriter(AwsLayout layout) {
        this.layout = layout;
        this.versions = new AwsVersions(layout.segments());
    }

    AwsVersions versions() {
        return versions;
    }

    void offerIndex(CatalogueView view, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("formatVersion", "v1.0");
        json.writeStringField("disclaimer", DISCLAIMER);
        Instant latest = AwsVersions.EPOCH;
        for (String offer : layout.offerCodes()) {
            Instant published = AwsVersions.published(offer, versions.lastChange(view, layout.files(offer)));
            latest = published.isAfter(latest) ? published : latest;
        }
        json.writeStringField("publicationDate", latest.toString());
        json.writeObjectFieldStart("offers");
        for (String offer : layout.offerCodes()) {
            json.writeObjectFieldStart(offer);
            json.writeStringField("offerCode", offer);
            json.writeStringField("versionIndexUrl", PATH + offer + "/index.json");
            json.writeStringField("currentVersionUrl", PATH + offer + "/current/index.json");
            json.writeStringField("currentRegionIndexUrl", PATH + offer + "/current/region_index.json");
            if (AwsLayout.SAVINGS_PLAN_OFFERS.contains(offer)) {
                String plan = "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/";
                json.writeStringField("savingsPlanVersionIndexUrl", plan + "index.json");
                json.writeStringField("currentSavingsPlanIndexUrl", plan + "region_index.json");
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    void versionIndex(CatalogueView view, String offer, JsonGenerator json) throws IOException {
        List<AwsLayout.OfferFile> files = layout.files(offer);
        int current = versions.lastChange(view, files);
        json.writeStartObject();
        json.writeStringField("formatVersion", "v1.0");
        json.writeStringField("disclaimer", DISCLAIMER);
        json.writeStringField("publicationDate", AwsVersions.published(offer, current).toString());
        json.writeStringField("offerCode", offer);
        json.writeStringField("currentVersion", AwsVersions.id(AwsVersions.published(offer, current)));
        json.writeObjectFieldStart("versions");
        // Newest first, like the real index.
        int end = -1;
        for (int g = current; g >= 0; g--) {
            if (g == 0 || versions.touchedAt(view, files, g)) {
                Instant begin = AwsVersions.published(offer, g);
                String id = AwsVersions.id(begin);
                json.writeObjectFieldStart(id);
                json.writeStringField("versionEffectiveBeginDate", begin.toString());
                json.writeStringField("versionEffectiveEndDate",
                        end < 0 ? "" : AwsVersions.published(offer, end).toString());
                json.writeStringField("offerVersionUrl", PATH + offer + "/" + id + "/index.json");
                json.writeEndObject();
                end = g;
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    void regionIndex(CatalogueView view, String offer, JsonGenerator json) throws IOException {
        List<AwsLayout.OfferFile> files = layout.files(offer);
        json.writeStartObject();
        json.writeStringField("formatVersion", "v1.0");
        json.writeStringField("disclaimer", DISCLAIMER);
        json.writeStringField("publicationDate",
                AwsVersions.published(offer, versions.lastChange(view, files)).toString());
        json.writeObjectFieldStart("regions");
        for (AwsLayout.OfferFile file : files) {
            json.writeObjectFieldStart(file.region());
            json.writeStringField("regionCode", file.region());
            json.writeStringField("currentVersionUrl", PATH + offer + "/"
                    + AwsVersions.id(AwsVersions.published(offer, versions.lastChange(view, file))) + "/" + file.region()
                    + "/index.json");
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** An offer file over one region's file or all of the offer's files. */
    void offerFile(CatalogueView view, String offer, List<AwsLayout.OfferFile> files, JsonGenerator json)
            throws IOException {
        int version = versions.lastChange(view, files);
        Instant published = AwsVersions.published(offer, version);
        json.writeStartObject();
        json.writeStringField("formatVersion", "v1.0");
        json.writeStringField("disclaimer", DISCLAIMER);
        json.writeStringField("offerCode", offer);
        json.writeStringField("version", AwsVersions.id(published));
        json.writeStringField("publicationDate", published.toString());
        json.writeObjectFieldStart("products");
        for (AwsLayout.OfferFile file : files) {
            forEachProduct(view, file, product -> writeProduct(product, json));
        }
        json.writeEndObject();
        json.writeObjectFieldStart("terms");
        json.writeObjectFieldStart("OnDemand");
        for (AwsLayout.OfferFile file : files) {
            forEachProduct(view, file, product -> writeTerms(product.sku(), product.onDemand(), json));
        }
        json.writeEndObject();
        json.writeObjectFieldStart("Reserved");
        for (AwsLayout.OfferFile file : files) {
            forEachProduct(view, file, product -> writeTerms(product.sku(), product.reserved(), json));
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("attributesList");
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Products of a file in document order (missing units skipped). */
    void forEachProduct(CatalogueView view, AwsLayout.OfferFile file, ProductConsumer consumer) throws IOException {
        for (int s = file.firstSegment(); s < file.endSegment(); s++) {
            Segment segment = layout.segments().get(s);
            for (int unit = 0; unit < segment.universeUnits(); unit++) {
                AwsProduct product = AwsProductFactory.create(view, segment, unit);
                if (product != null) {
                    consumer.accept(product);
                }
            }
        }
    }

    /** Receives products; may fail with an I/O error of the response. */
    interface ProductConsumer {
        void accept(AwsProduct product) throws IOException;
    }

    private static void writeProduct(AwsProduct product, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart(product.sku());
        json.writeStringField("sku", product.sku());
        json.writeStringField("productFamily", product.productFamily());
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> a : product.attributes().entrySet()) {
            json.writeStringField(a.getKey(), a.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeTerms(String sku, List<AwsProduct.Term> terms, JsonGenerator json) throws IOException {
        if (terms.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart(sku);
        for (AwsProduct.Term term : terms) {
            json.writeObjectFieldStart(sku + "." + term.offerTermCode());
            json.writeStringField("offerTermCode", term.offerTermCode());
            json.writeStringField("sku", sku);
            json.writeStringField("effectiveDate", term.effectiveDate());
            json.writeObjectFieldStart("priceDimensions");
            for (AwsProduct.Dimension d : term.dimensions()) {
                json.writeObjectFieldStart(d.rateCode());
                json.writeStringField("rateCode", d.rateCode());
                json.writeStringField("description", d.description());
                if (d.beginRange() != null) {
                    json.writeStringField("beginRange", d.beginRange());
                    json.writeStringField("endRange", d.endRange());
                }
                json.writeStringField("unit", d.unit());
                json.writeObjectFieldStart("pricePerUnit");
                json.writeStringField("USD", d.pricePerUnit());
                json.writeEndObject();
                json.writeArrayFieldStart("appliesTo");
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("termAttributes");
            for (Map.Entry<String, String> a : term.termAttributes().entrySet()) {
                json.writeStringField(a.getKey(), a.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
