package dev.junction.config;

import dev.junction.JunctionApplication;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warning about protocols open without a token names the protocols whose own
 * policy lets clients in, never the bare-host endpoint that dispatches to them.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenProtocolsWarningTests {

	private static final String WARNING = "Protocols open without a token";

	@Test
	void defaultStartWhereEveryProtocolRequiresATokenShouldNotWarn(CapturedOutput output) {
		// The tests' application.yml opens rooms, pairs and topics; these are the
		// defaults.
		try (ConfigurableApplicationContext context = start("--junction.protocols.rooms.auth=required",
				"--junction.protocols.pairs.auth=required", "--junction.protocols.topics.auth=required")) {
			assertThat(output).doesNotContain(WARNING);
		}
	}

	@Test
	void openTopicsShouldBeNamedWithoutRoot(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--junction.protocols.rooms.auth=required",
				"--junction.protocols.pairs.auth=required", "--junction.protocols.topics.auth=optional")) {
			assertThat(output).contains(WARNING + ": topics (auth: optional)\n");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--junction.auth.hmac-secret=" + TestTokens.SECRET;
		System.arraycopy(args, 0, all, 2, args.length);
		return SpringApplication.run(JunctionApplication.class, all);
	}

}
