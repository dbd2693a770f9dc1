package io.pricestream.cspsim.gcp;

import java.util.List;

/** A simulated Cloud Billing catalogue service. */
record GcpService(String serviceId, String displayName) {
    static final List<GcpService> ALL = List.of(
            new GcpService("6F81-5844-456A", "Compute Engine"),
            new GcpService("95FF-2EF5-5EA1", "Cloud Storage"),
            new GcpService("CCD8-9BF1-090E", "Kubernetes Engine"),
            new GcpService("E505-1604-58F8", "Networking"),
            new GcpService("9662-B51E-5089", "Cloud SQL"),
            new GcpService("24E6-581D-38E5", "BigQuery"),
            new GcpService("152E-C115-5142", "Cloud Run"),
            new GcpService("A1E8-BE35-7EBC", "Cloud Pub/Sub"));

    static GcpService byId(String id) {
        return ALL.stream().filter(s -> s.serviceId.equals(id)).findFirst().orElse(null);
    }

    static GcpService byName(String displayName) {
        return ALL.stream().filter(s -> s.displayName.equals(displayName)).findFirst().orElseThrow();
    }
}
