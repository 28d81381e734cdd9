package io.mojave.daemon;

import java.nio.file.Path;

import io.vertx.core.Vertx;

/**
 * What the daemon runtime gives a starting service.
 *
 * @param service the service being started
 * @param datadir its absolute data directory (state goes in subfolders of it)
 * @param vertx the application's Vert.x instance, for servers and timers
 */
public record ServiceContext(ServiceDescriptor service, Path datadir, Vertx vertx) {
}
