package io.pricestream.streams.rules;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The top level of a rules file: a format version and the include and exclude rule lists. */
record RulesDocument(@JsonProperty("version") Integer version,
                     @JsonProperty("include") List<RuleSpec> include,
                     @JsonProperty("exclude") List<RuleSpec> exclude) {
}
