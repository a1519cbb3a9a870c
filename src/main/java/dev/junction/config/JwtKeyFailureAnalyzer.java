package dev.junction.config;

import dev.junction.security.JwtKeyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a key configuration that cannot start into Spring Boot's "APPLICATION FAILED TO
 * START" report: what is wrong and what to set, without the bean creation trace.
 */
class JwtKeyFailureAnalyzer extends AbstractFailureAnalyzer<JwtKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, JwtKeyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
