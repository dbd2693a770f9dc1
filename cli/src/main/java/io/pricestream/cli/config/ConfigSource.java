package io.pricestream.cli.config;

/** Where an effective setting came from, lowest precedence first. */
public enum ConfigSource {
    /** Not set anywhere: the component's declared default applies. */
    DEFAULT,
    /** The config file ({@code pricestream.yaml}). */
    FILE,
    /** An environment variable ({@code PRICESTREAM_...}). */
    ENV,
    /** A command-line flag or {@code --set key=value}. */
    FLAG
}
