package io.pricestream.bench;

import java.nio.file.Path;

import io.pricestream.bench.sink.BenchDatabase;
import io.pricestream.localstack.LocalStack;

/**
 * What every scenario of one run shares: the local stack, the run's options and a scratch directory
 * (CSV files, Connect offsets) that is deleted with the stack's temporary data dir.
 */
public record BenchContext(LocalStack stack, BenchOptions options, Path workDir) {

    public BenchDatabase database() {
        return new BenchDatabase(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    }
}
