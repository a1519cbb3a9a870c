package dev.junction.helm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric names and label names a PromQL expression uses, found by a small lexer: the
 * metric of each vector selector with the labels of its matchers, and the labels of
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and
 * {@code group_right}. Function and aggregation names, keywords, strings, numbers,
 * durations and Grafana variables ({@code $pod}, {@code $__rate_interval}) are skipped.
 * Grafana's {@code label_values(selector, label)} is read as its selector and its label.
 *
 * @param selectors every vector selector, in order
 * @param groupingLabels the labels of grouping and matching clauses
 */
record PromQlNames(List<Selector> selectors, Set<String> groupingLabels) {

	private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
			"count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

	private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
			"start", "end");

	private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

	/**
	 * Reads one expression.
	 * @param expression PromQL, or Grafana's {@code label_values(...)}
	 * @return its names
	 * @throws IllegalArgumentException if the expression cannot be read
	 */
	static PromQlNames parse(String expression) {
		List<Token> tokens = lex(expression);
		List<Selector> selectors = new ArrayList<>();
		Set<String> grouping = new LinkedHashSet<>();
		boolean labelValues = !tokens.isEmpty() && tokens.get(0).text().equals("label_values");
		int i = 0;
		while (i < tokens.size()) {
			Token token = tokens.get(i);
			Token next = (i + 1 < tokens.size()) ? tokens.get(i + 1) : null;
			if (token.kind() == Kind.PUNCT && token.text().equals("{")) {
				throw new IllegalArgumentException("A selector without a metric name in: " + expression);
			}
			if (token.kind() != Kind.IDENTIFIER) {
				i++;
				continue;
			}
			String name = token.text();
			if (GROUPING.contains(name)) {
				i++;
				if (i < tokens.size() && tokens.get(i).text().equals("(")) {
					i++;
					while (!tokens.get(i).text().equals(")")) {
						if (tokens.get(i).kind() == Kind.IDENTIFIER) {
							grouping.add(tokens.get(i).text());
						}
						i++;
					}
				}
				i++;
				continue;
			}
			if (AGGREGATIONS.contains(name) || KEYWORDS.contains(name) || (next != null && next.text().equals("("))) {
				i++;
				continue;
			}
			if (labelValues && next != null && next.text().equals(")")) {
				// label_values(selector, label): the last argument is a label.
				grouping.add(name);
				i++;
				continue;
			}
			Set<String> labels = new LinkedHashSet<>();
			i++;
			if (next != null && next.text().equals("{")) {
				i++;
				while (!tokens.get(i).text().equals("}")) {
					Token label = tokens.get(i);
					if (label.kind() == Kind.IDENTIFIER && MATCH_OPERATORS.contains(tokens.get(i + 1).text())) {
						labels.add(label.text());
					}
					i++;
				}
				i++;
			}
			selectors.add(new Selector(name, labels));
		}
		return new PromQlNames(selectors, grouping);
	}

	private static List<Token> lex(String expression) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		int length = expression.length();
		while (i < length) {
			char c = expression.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '"' || c == '\'' || c == '`') {
				int end = i + 1;
				while (end < length && expression.charAt(end) != c) {
					end += (expression.charAt(end) == '\\' && c != '`') ? 2 : 1;
				}
				if (end >= length) {
					throw new IllegalArgumentException("An unterminated string in: " + expression);
				}
				tokens.add(new Token(Kind.STRING, expression.substring(i + 1, end)));
				i = end + 1;
			}
			else if (c == '$') {
				int end = i + 1;
				if (end < length && expression.charAt(end) == '{') {
					end = expression.indexOf('}', end) + 1;
				}
				else {
					while (end < length && isNamePart(expression.charAt(end))) {
						end++;
					}
				}
				tokens.add(new Token(Kind.VARIABLE, expression.substring(i, end)));
				i = end;
			}
			else if (Character.isDigit(c)
					|| (c == '.' && i + 1 < length && Character.isDigit(expression.charAt(i + 1)))) {
				int end = i + 1;
				while (end < length && (Character.isLetterOrDigit(expression.charAt(end))
						|| expression.charAt(end) == '.' || expression.charAt(end) == '_')) {
					end++;
				}
				tokens.add(new Token(Kind.NUMBER, expression.substring(i, end)));
				i = end;
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int end = i + 1;
				while (end < length && isNamePart(expression.charAt(end))) {
					end++;
				}
				tokens.add(new Token(Kind.IDENTIFIER, expression.substring(i, end)));
				i = end;
			}
			else {
				String two = (i + 1 < length) ? expression.substring(i, i + 2) : "";
				String operator = Set.of("=~", "!~", "!=", "==", ">=", "<=").contains(two) ? two : String.valueOf(c);
				tokens.add(new Token(Kind.PUNCT, operator));
				i += operator.length();
			}
		}
		return tokens;
	}

	private static boolean isNamePart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == ':';
	}

	Set<String> metricNames() {
		Set<String> names = new LinkedHashSet<>();
		this.selectors.forEach((selector) -> names.add(selector.metric()));
		return names;
	}

	/**
	 * One vector selector.
	 *
	 * @param metric the metric name
	 * @param labels the labels its matchers name
	 */
	record Selector(String metric, Set<String> labels) {

	}

	private enum Kind {

		IDENTIFIER, STRING, NUMBER, VARIABLE, PUNCT

	}

	private record Token(Kind kind, String text) {

	}

}
