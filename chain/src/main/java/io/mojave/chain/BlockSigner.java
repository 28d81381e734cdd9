package io.mojave.chain;

import java.math.BigInteger;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * Signs 32-byte hashes with a secp256k1 private key the way Ethereum's {@code ecrecover} reads
 * them: 65 bytes r‖s‖v, v 27 or 28, low s, over the hash itself (no message prefix).
 * {@link #toString()} never shows the key.
 */
public final class BlockSigner {

    private final ECKeyPair keyPair;
    private final Address address;

    /** @param privateKey the 32 bytes of the key */
    public BlockSigner(byte[] privateKey) {
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("a private key is 32 bytes, not " + privateKey.length);
        }
        this.keyPair = ECKeyPair.create(new BigInteger(1, privateKey));
        this.address = Address.ofPublicKey(keyPair.getPublicKey());
    }

    /** The address of the key: what {@link Signatures#recover} returns for its signatures. */
    public Address address() {
        return address;
    }

    /** The 65-byte signature r‖s‖v of {@code hash}, as {@code 0x}-hex. */
    public String sign(Hash32 hash) {
        Sign.SignatureData signature = Sign.signMessage(hash.bytes(), keyPair, false);
        byte[] bytes = new byte[Signatures.LENGTH];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        return Hex.data(bytes);
    }

    @Override
    public String toString() {
        return "BlockSigner[" + address + ", key [REDACTED]]";
    }
}
