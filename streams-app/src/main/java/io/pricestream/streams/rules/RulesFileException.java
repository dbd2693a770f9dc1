package io.pricestream.streams.rules;

/**
 * A rules file that cannot be used, with where the problem is: the file, the line and column when known,
 * and the path inside the document ({@code include[2].attributes.vcpu}).
 */
public class RulesFileException extends RuntimeException {

    private final String source;
    private final int line;
    private final String path;
    private final String problem;

    public RulesFileException(String source, int line, int column, String path, String problem, Throwable cause) {
        super(source + (line > 0 ? ": line " + line + (column > 0 ? ", column " + column : "") : "")
                + (path == null || path.isEmpty() ? "" : " (" + path + ")") + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.path = path;
        this.problem = problem;
    }

    /** The file (or resource) the rules came from. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, or -1 when it is not tied to one line. */
    public int line() {
        return line;
    }

    /** Where in the document, e.g. {@code include[2].attributes.vcpu}; empty for the whole file. */
    public String path() {
        return path;
    }

    /** The problem alone, without the location. */
    public String problem() {
        return problem;
    }
}
