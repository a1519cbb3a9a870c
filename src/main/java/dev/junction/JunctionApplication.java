package dev.junction;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the Junction WebSocket relay.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JunctionApplication {

	public static void main(String[] args) {
		SpringApplication.run(JunctionApplication.class, args);
	}

}
