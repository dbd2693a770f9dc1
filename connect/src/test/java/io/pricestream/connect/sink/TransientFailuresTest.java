package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void shouldRetryWhenConnectionOrServerStateFails() {
        assertThat(TransientFailures.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("I/O error", null, new ConnectException("refused"))))).isTrue();
    }

    @Test
    void shouldNotRetryWhenDataOrSchemaIsWrong() {
        assertThat(TransientFailures.isTransient(new SQLException("numeric field overflow", "22003"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
