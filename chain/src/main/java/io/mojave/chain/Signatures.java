package io.mojave.chain;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;

import org.web3j.crypto.Sign;

/** Recovers the signer of a 65-byte r‖s‖v secp256k1 signature over a 32-byte hash. */
public final class Signatures {

    /** Bytes in a signature: r (32), s (32), v (1). */
    public static final int LENGTH = 65;

    /** Half the order of secp256k1: an s above it is the malleable twin of a valid signature (EIP-2). */
    private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private Signatures() {
    }

    /**
     * The address whose key made {@code signature} over {@code hash}.
     *
     * @param signature {@code 0x}-hex r‖s‖v, v 27 or 28, s in the lower half of the curve order
     * @throws IllegalArgumentException saying why no signer can be recovered
     */
    public static Address recover(Hash32 hash, String signature) {
        byte[] bytes = Hex.parseData(signature, LENGTH);
        byte v = bytes[64];
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v is " + (v & 0xff) + ", not 27 or 28");
        }
        byte[] r = Arrays.copyOfRange(bytes, 0, 32);
        byte[] s = Arrays.copyOfRange(bytes, 32, 64);
        BigInteger rValue = new BigInteger(1, r);
        BigInteger sValue = new BigInteger(1, s);
        if (rValue.signum() == 0 || rValue.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("signature r is out of range");
        }
        if (sValue.signum() == 0 || sValue.compareTo(HALF_ORDER) > 0) {
            throw new IllegalArgumentException("signature s is zero or in the upper half of the curve order (EIP-2)");
        }
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(hash.bytes(), new Sign.SignatureData(v, r, s));
            return Address.ofPublicKey(publicKey);
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("no public key recovers from the signature", e);
        }
    }
}
