package io.mojave.daemon;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a TCP port, 0 to 65535 (0: any free port, reported once the service listens). */
public final class PortConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number (0-65535)");
        }
        if (port < 0 || port > 65535) {
            throw new TypeConversionException(port + " is out of the port range 0-65535");
        }
        return port;
    }
}
