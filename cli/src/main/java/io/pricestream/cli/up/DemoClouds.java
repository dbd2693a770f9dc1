package io.pricestream.cli.up;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.AdvanceResult;
import io.pricestream.schemas.Topics;
import io.pricestream.scrapers.config.ScraperConfig;

/**
 * The clouds of {@code pricestream up --demo}: a csp-sim in this process, the scrapers pointed at it (and at
 * its GCP key), moved a little between scrape cycles so the demo shows changes, new and retired prices.
 */
public final class DemoClouds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoClouds.class);

    private final CspSimulator simulator;
    private final String gcpApiKey;
    private final double advanceShare;

    private DemoClouds(CspSimulator simulator, String gcpApiKey, double advanceShare) {
        this.simulator = simulator;
        this.gcpApiKey = gcpApiKey;
        this.advanceShare = advanceShare;
    }

    /**
     * @param simSettings  the {@code sim.*} keys of the merged configuration (port 0 unless set)
     * @param advanceShare share of prices changed between cycles, e.g. 0.01
     */
    public static DemoClouds start(Map<String, String> simSettings, double advanceShare) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CspSimConfig.PORT, "0");
        values.putAll(simSettings);
        CspSimConfig config = CspSimConfig.fromMap(values);
        CspSimulator simulator = CspSimulator.start(config);
        LOG.info("Demo clouds: csp-sim at {} (scale {})", simulator.url(), values.getOrDefault(CspSimConfig.SCALE, "default"));
        return new DemoClouds(simulator, config.gcpApiKey(), advanceShare);
    }

    /** Scraper settings that point every CSP at the simulator, with its GCP key; settings already given win. */
    public Map<String, String> scraperSettings(Map<String, String> given) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String csp : Topics.CSPS) {
            settings.put(ScraperConfig.endpointKey(csp), simulator.url());
        }
        settings.put(ScraperConfig.GCP_API_KEY, gcpApiKey);
        // Every demo cycle reads every file: a source skipped as unchanged would make the run PARTIAL.
        settings.put(ScraperConfig.CONDITIONAL_FETCH_ENABLED, "false");
        settings.keySet().removeIf(given::containsKey);
        return settings;
    }

    /** Moves the simulated clouds to their next generation. */
    public void advance() {
        AdvanceResult result = simulator.advance(advanceShare);
        LOG.info("Demo clouds advanced to generation {}: {}", simulator.generation(), result);
    }

    public CspSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
