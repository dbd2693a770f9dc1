package io.pricestream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.ConfigTable;

/** The README's configuration table is the one derived from {@link StreamsAppConfig#CONFIG_DEF}. */
class ReadmeTest {

    @Test
    void shouldCarryTheGeneratedConfigTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains(ConfigTable.markdown(StreamsAppConfig.CONFIG_DEF));
    }
}
