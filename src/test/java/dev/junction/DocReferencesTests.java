package dev.junction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reference to the documentation resolves: Markdown links between the README and
 * {@code docs/} (files and heading anchors), {@code docs/...} paths named in the Java
 * sources and the chart, and README sections that comments name.
 */
class DocReferencesTests {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]*\\]\\(([^)\\s]+)\\)");

	private static final Pattern DOCS_PATH = Pattern.compile("(?<![\\w/.-])(docs/[\\w./-]*\\w)(#[\\w-]+)?");

	private static final Pattern README_PART = Pattern
		.compile("README's ([^.;:()]*?) (section|example|table)\\b(?: and ([^.;:()]*?) (section|example|table)\\b)?");

	private static final Pattern DOCS_PART = Pattern
		.compile("\\b([A-Z][\\w-]*(?: [\\w-]+)*?) (section|example) of (docs/[\\w./-]*\\.md)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	@Test
	void markdownLinksShouldResolve() {
		List<String> broken = new ArrayList<>();
		for (Path page : markdownPages()) {
			Matcher link = LINK.matcher(withoutCodeBlocks(read(page)));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-z]+:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash < 0) ? target : target.substring(0, hash);
				String anchor = (hash < 0) ? null : target.substring(hash + 1);
				Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				String problem = problem(resolved, anchor);
				if (problem != null) {
					broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
				}
			}
		}
		assertThat(broken).as("Markdown links that do not resolve").isEmpty();
	}

	@Test
	void docsPathsInSourcesAndPagesShouldResolve() {
		List<String> broken = new ArrayList<>();
		List<Path> files = new ArrayList<>(markdownPages());
		files.addAll(files(ROOT.resolve("src/main/java"), ".java"));
		files.addAll(files(ROOT.resolve("src/test/java"), ".java"));
		files.addAll(files(ROOT.resolve("helm"), ".md", ".txt", ".yaml", ".tpl"));
		for (Path file : files) {
			Matcher reference = DOCS_PATH.matcher(read(file));
			while (reference.find()) {
				String anchor = (reference.group(2) != null) ? reference.group(2).substring(1) : null;
				String problem = problem(ROOT.resolve(reference.group(1)), anchor);
				if (problem != null) {
					broken.add(ROOT.relativize(file) + ": " + reference.group() + " " + problem);
				}
			}
		}
		assertThat(broken).as("docs/ references that do not resolve").isEmpty();
	}

	@Test
	void readmeSectionsNamedInSourcesShouldExist() {
		Path readme = ROOT.resolve("README.md");
		Set<String> headings = Set.copyOf(headings(readme).values().stream().map(DocReferencesTests::lower).toList());
		String text = read(readme);
		List<String> broken = new ArrayList<>();
		List<Path> sources = new ArrayList<>(files(ROOT.resolve("src/main/java"), ".java"));
		sources.addAll(files(ROOT.resolve("src/test/java"), ".java"));
		for (Path source : sources) {
			Matcher reference = README_PART.matcher(commentText(read(source)));
			while (reference.find()) {
				for (int group = 1; group <= 3; group += 2) {
					String name = reference.group(group);
					if (name != null && !readmeHas(name, reference.group(group + 1), headings, text)) {
						broken
							.add(ROOT.relativize(source) + ": the README's " + name + " " + reference.group(group + 1));
					}
				}
			}
		}
		assertThat(broken)
			.as("README sections named in sources but missing from README.md (point to the docs/ "
					+ "page that has them instead)")
			.isEmpty();
	}

	@Test
	void docsSectionsNamedInSourcesShouldExist() {
		List<String> broken = new ArrayList<>();
		List<Path> sources = new ArrayList<>(files(ROOT.resolve("src/main/java"), ".java"));
		sources.addAll(files(ROOT.resolve("src/test/java"), ".java"));
		for (Path source : sources) {
			Matcher reference = DOCS_PART.matcher(commentText(read(source)));
			while (reference.find()) {
				Path page = ROOT.resolve(reference.group(3));
				String name = lower(reference.group(1));
				if (!Files.exists(page) || headings(page).values()
					.stream()
					.map(DocReferencesTests::lower)
					.noneMatch((heading) -> heading.equals(name))) {
					broken.add(ROOT.relativize(source) + ": " + reference.group());
				}
			}
		}
		assertThat(broken).as("sections of docs/ pages named in sources that the page does not have").isEmpty();
	}

	@Test
	void slugsShouldFollowGitHub() {
		assertThat(slug("The bare host `/`")).isEqualTo("the-bare-host-");
		assertThat(slug("Results (2026-11-25, 3 rounds)")).isEqualTo("results-2026-11-25-3-rounds");
		assertThat(slug("S1 at 50% of the slowest maximum")).isEqualTo("s1-at-50-of-the-slowest-maximum");
	}

	private static boolean readmeHas(String name, String kind, Set<String> headings, String readme) {
		String wanted = lower(name.replaceFirst("^the ", ""));
		if (headings.contains(wanted)) {
			return true;
		}
		// "the README's protocol table": a table whose first header cell is that word.
		return kind.equals("table")
				&& Pattern.compile("(?m)^\\| " + Pattern.quote(wanted) + " \\|").matcher(readme).find();
	}

	private static String problem(Path file, String anchor) {
		if (!Files.exists(file)) {
			return "names a file that does not exist";
		}
		if (anchor != null && !anchor.isEmpty() && file.toString().endsWith(".md")
				&& !headings(file).containsKey(anchor)) {
			return "names a heading that " + ROOT.relativize(file) + " does not have";
		}
		return null;
	}

	/**
	 * A page's headings by their GitHub anchor.
	 */
	static Map<String, String> headings(Path page) {
		Map<String, String> headings = new HashMap<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : withoutCodeBlocks(read(page)).split("\n")) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				headings.put((count == 1) ? slug : slug + "-" + (count - 1), plain(heading.group(1)));
			}
		}
		return headings;
	}

	/**
	 * The anchor GitHub gives a heading: its text lower-cased, without punctuation, with
	 * spaces as dashes.
	 */
	static String slug(String heading) {
		return lower(plain(heading)).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static String plain(String heading) {
		return heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").trim();
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	private static String withoutCodeBlocks(String markdown) {
		StringBuilder kept = new StringBuilder();
		boolean code = false;
		for (String line : markdown.split("\n", -1)) {
			if (line.stripLeading().startsWith("```")) {
				code = !code;
				kept.append('\n');
				continue;
			}
			kept.append(code ? "" : line).append('\n');
		}
		return kept.toString();
	}

	/**
	 * Java source with comment continuation marks removed, so that a phrase wrapped over
	 * two comment lines reads as one.
	 */
	private static String commentText(String source) {
		return source.replaceAll("\\s*\\n\\s*(?:\\*(?!/)|//)?\\s*", " ");
	}

	private static List<Path> markdownPages() {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		pages.addAll(files(ROOT.resolve("docs"), ".md"));
		pages.addAll(files(ROOT.resolve("helm"), ".md"));
		return pages;
	}

	private static List<Path> files(Path directory, String... suffixes) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> Stream.of(suffixes).anyMatch(file.toString()::endsWith))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
