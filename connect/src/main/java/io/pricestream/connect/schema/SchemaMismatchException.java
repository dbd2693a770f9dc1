package io.pricestream.connect.schema;

import java.util.List;

/**
 * The database's price schema is not the one the migrations describe: an applied migration was
 * changed or removed, migrations are pending, or tables/columns the sink needs are missing.
 */
public class SchemaMismatchException extends PriceSchemaException {

    private final List<String> problems;

    public SchemaMismatchException(String database, List<String> problems) {
        super("The price schema in " + database + " does not match the migrations of this build ("
                + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + String.join("\n  ", problems)
                + "\nRun the migrations (`pricestream db migrate`) on an untouched schema, or restore the schema.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
