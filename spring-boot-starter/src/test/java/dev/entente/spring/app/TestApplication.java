package dev.entente.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application with nothing of its own: Entente comes from the starter alone. */
@SpringBootApplication
public class TestApplication {}
