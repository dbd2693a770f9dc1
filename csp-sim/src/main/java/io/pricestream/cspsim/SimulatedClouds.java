package io.pricestream.cspsim;

import io.pricestream.cspsim.aws.AwsPriceList;
import io.pricestream.cspsim.azure.AzureRetailPrices;
import io.pricestream.cspsim.catalogue.AdvanceResult;
import io.pricestream.cspsim.catalogue.Catalogue;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPriceSource;
import io.pricestream.cspsim.gcp.GcpCatalog;

import java.util.Map;

/**
 * The three simulated price APIs over one catalogue, without any server: what {@link CspSimulator}
 * serves, usable directly in tests. The scale is split AWS 60 %, Azure 25 %, GCP 15 %.
 */
public final class SimulatedClouds {
    private final AwsPriceList aws;
    private final AzureRetailPrices azure;
    private final GcpCatalog gcp;
    private final Catalogue catalogue;

    /** The clouds of {@code scale} price points (approximately) and {@code seed}. */
    public SimulatedClouds(long scale, long seed) {
        long awsPoints = Math.round(scale * 0.60);
        long azurePoints = Math.round(scale * 0.25);
        this.aws = new AwsPriceList(awsPoints);
        this.azure = new AzureRetailPrices(azurePoints);
        this.gcp = new GcpCatalog(Math.max(1, scale - awsPoints - azurePoints));
        this.catalogue = new Catalogue(seed, Map.of(Csp.AWS, aws.segments(), Csp.AZURE, azure.segments(),
                Csp.GCP, gcp.segments()));
    }

    public AwsPriceList aws() {
        return aws;
    }

    public AzureRetailPrices azure() {
        return azure;
    }

    public GcpCatalog gcp() {
        return gcp;
    }

    /** The generation history shared by the three APIs. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Moves to the next generation (see {@link Catalogue#advance(double)}). */
    public AdvanceResult advance(double share) {
        return catalogue.advance(share);
    }

    /** Truth of the current generation. */
    public CatalogueTruth truth() {
        return truth(catalogue.generation());
    }

    /** Truth of an earlier (or the current) generation. */
    public CatalogueTruth truth(int generation) {
        Map<Csp, ExpectedPriceSource> sources = Map.of(Csp.AWS, aws, Csp.AZURE, azure, Csp.GCP, gcp);
        return new CatalogueTruth(catalogue.view(generation), sources);
    }
}
