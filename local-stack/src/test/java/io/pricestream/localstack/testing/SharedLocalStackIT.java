package io.pricestream.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.localstack.LocalStack;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharedLocalStackIT {

    @Test
    void shouldReturnSameRunningStackWhenAskedTwice() throws Exception {
        LocalStack first = SharedLocalStack.get();
        LocalStack second = SharedLocalStack.get();

        assertThat(second).isSameAs(first);
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.jdbcUser(), first.jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet fsync = statement.executeQuery("SHOW fsync")) {
            fsync.next();
            assertThat(fsync.getString(1)).as("tests trade durability for speed").isEqualTo("off");
        }
    }

    @Test
    void shouldGiveDistinctSafeNamesWhenAskedRepeatedly() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(SharedLocalStack.uniqueName("Prices.Raw-Test"));
        }

        assertThat(names).hasSize(1000).allSatisfy(name -> assertThat(name).matches("prices_raw_test_[0-9a-f]{12}"));
    }
}
