package io.mojave.node;

import io.mojave.chain.Address;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an Ethereum address option: {@code 0x} and 40 hex digits. */
public final class AddressConverter implements ITypeConverter<Address> {

    @Override
    public Address convert(String value) {
        try {
            return Address.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
