package dev.junction.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token values never survive into logged URIs.
 */
class TokenRedactionTests {

	@Test
	void tokenParametersShouldBeRedactedAndOthersKept() {
		assertThat(TokenRedaction.redact("/relay/s1?token=eyJ.abc.def")).isEqualTo("/relay/s1?token=[redacted]");
		assertThat(TokenRedaction.redact("/ws?x=1&access_token=eyJ.a.b&y=2"))
			.isEqualTo("/ws?x=1&access_token=[redacted]&y=2");
		assertThat(TokenRedaction.redact("/ws?TOKEN=a&token=b")).isEqualTo("/ws?TOKEN=[redacted]&token=[redacted]");
		assertThat(TokenRedaction.redact("/ws?mytoken=keep")).isEqualTo("/ws?mytoken=keep");
		assertThat(TokenRedaction.redact("/health")).isEqualTo("/health");
	}

}
