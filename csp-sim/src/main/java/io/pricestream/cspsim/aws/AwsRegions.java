package io.pricestream.cspsim.aws;

import java.util.List;
import java.util.Map;

/** AWS region codes with their display names and usage-type prefixes. */
final class AwsRegions {
    /** code → {location, usage type prefix, size weight}. */
    private static final Map<String, String[]> REGIONS = Map.ofEntries(
            Map.entry("us-east-1", new String[] {"US East (N. Virginia)", "", "3"}),
            Map.entry("us-east-2", new String[] {"US East (Ohio)", "USE2-", "1.5"}),
            Map.entry("us-west-1", new String[] {"US West (N. California)", "USW1-", "1"}),
            Map.entry("us-west-2", new String[] {"US West (Oregon)", "USW2-", "2"}),
            Map.entry("af-south-1", new String[] {"Africa (Cape Town)", "AFS1-", "0.5"}),
            Map.entry("ap-east-1", new String[] {"Asia Pacific (Hong Kong)", "APE1-", "0.6"}),
            Map.entry("ap-south-1", new String[] {"Asia Pacific (Mumbai)", "APS3-", "1"}),
            Map.entry("ap-south-2", new String[] {"Asia Pacific (Hyderabad)", "APS5-", "0.5"}),
            Map.entry("ap-northeast-1", new String[] {"Asia Pacific (Tokyo)", "APN1-", "1.5"}),
            Map.entry("ap-northeast-2", new String[] {"Asia Pacific (Seoul)", "APN2-", "1"}),
            Map.entry("ap-northeast-3", new String[] {"Asia Pacific (Osaka)", "APN3-", "0.6"}),
            Map.entry("ap-southeast-1", new String[] {"Asia Pacific (Singapore)", "APS1-", "1.2"}),
            Map.entry("ap-southeast-2", new String[] {"Asia Pacific (Sydney)", "APS2-", "1.2"}),
            Map.entry("ap-southeast-3", new String[] {"Asia Pacific (Jakarta)", "APS4-", "0.6"}),
            Map.entry("ap-southeast-4", new String[] {"Asia Pacific (Melbourne)", "APS6-", "0.5"}),
            Map.entry("ca-central-1", new String[] {"Canada (Central)", "CAN1-", "1"}),
            Map.entry("ca-west-1", new String[] {"Canada West (Calgary)", "CAN2-", "0.4"}),
            Map.entry("eu-central-1", new String[] {"EU (Frankfurt)", "EUC1-", "1.5"}),
            Map.entry("eu-central-2", new String[] {"EU (Zurich)", "EUC2-", "0.5"}),
            Map.entry("eu-west-1", new String[] {"EU (Ireland)", "EU-", "1.5"}),
            Map.entry("eu-west-2", new String[] {"EU (London)", "EUW2-", "1"}),
            Map.entry("eu-west-3", new String[] {"EU (Paris)", "EUW3-", "0.8"}),
            Map.entry("eu-south-1", new String[] {"EU (Milan)", "EUS1-", "0.6"}),
            Map.entry("eu-south-2", new String[] {"EU (Spain)", "EUS2-", "0.5"}),
            Map.entry("eu-north-1", new String[] {"EU (Stockholm)", "EUN1-", "0.8"}),
            Map.entry("il-central-1", new String[] {"Israel (Tel Aviv)", "ILC1-", "0.4"}),
            Map.entry("me-south-1", new String[] {"Middle East (Bahrain)", "MES1-", "0.5"}),
            Map.entry("me-central-1", new String[] {"Middle East (UAE)", "MEC1-", "0.5"}),
            Map.entry("sa-east-1", new String[] {"South America (Sao Paulo)", "SAE1-", "0.8"}),
            Map.entry("us-gov-west-1", new String[] {"AWS GovCloud (US-West)", "UGW1-", "0.5"}),
            Map.entry("us-east-1-bos-1", new String[] {"US East (Boston)", "USE1-BOS1-", "0.1"}),
            Map.entry("us-west-2-lax-1", new String[] {"US West (Los Angeles)", "USW2-LAX1-", "0.1"}),
            Map.entry("eu-central-1-ham-1", new String[] {"Germany (Hamburg)", "EUC1-HAM1-", "0.1"}),
            Map.entry("us-east-1-wl1-atl1", new String[] {"US East (Verizon) - Atlanta", "USE1-WL1-ATL1-", "0.05"}),
            Map.entry("us-west-2-wl1-den1", new String[] {"US West (Verizon) - Denver", "USW2-WL1-DEN1-", "0.05"}));

    /** Ordinary regions, in the order they are listed. */
    static final List<String> ORDINARY = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1",
            "ap-east-1", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2",
            "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "sa-east-1", "us-gov-west-1");

    /** Local Zones and Wavelength zones (EC2 only). */
    static final List<String> EDGE = List.of("us-east-1-bos-1", "us-west-2-lax-1", "eu-central-1-ham-1",
            "us-east-1-wl1-atl1", "us-west-2-wl1-den1");

    private AwsRegions() {
    }

    static String location(String code) {
        return REGIONS.get(code)[0];
    }

    static String usagePrefix(String code) {
        return REGIONS.get(code)[1];
    }

    static double weight(String code) {
        return Double.parseDouble(REGIONS.get(code)[2]);
    }

    static String locationType(String code) {
        return code.contains("-wl1-") ? "AWS Wavelength Zone" : EDGE.contains(code) ? "AWS Local Zone" : "AWS Region";
    }
}
