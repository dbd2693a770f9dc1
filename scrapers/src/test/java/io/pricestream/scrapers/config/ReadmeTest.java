package io.pricestream.scrapers.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.ConfigTable;

class ReadmeTest {

    @Test
    void shouldCarryTheGeneratedConfigTableWhenKeysChange() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains(ConfigTable.markdown(ScraperConfig.CONFIG_DEF));
    }
}
