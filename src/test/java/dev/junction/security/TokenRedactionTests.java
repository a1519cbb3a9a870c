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

	@Test
	void percentEncodedTokenNamesShouldBeRedactedToo() {
		assertThat(TokenRedaction.redact("/ws?%74oken=eyJ.a.b")).isEqualTo("/ws?%74oken=[redacted]");
		assertThat(TokenRedaction.redact("/ws?x=1&access%5Ftoken=eyJ.a.b"))
			.isEqualTo("/ws?x=1&access%5Ftoken=[redacted]");
		assertThat(TokenRedaction.redact("/ws?%2574oken=eyJ.a.b")).isEqualTo("/ws?%2574oken=[redacted]");
		assertThat(TokenRedaction.redact("/ws?%zzoken=keep&token=a=b&"))
			.isEqualTo("/ws?%zzoken=keep&token=[redacted]&");
	}

}
