package io.mojave.chain;

/**
 * Keys for local devnets and tests only. <strong>They are public</strong> (the first account of
 * the Hardhat/Anvil test mnemonic, printed in countless tutorials): anything signed with them
 * proves nothing, and no real network may trust their addresses.
 */
public final class DevKeys {

    /** The dev sequencer's private key, 64 hex digits. Public, for devnets only. */
    public static final String DEV_SEQUENCER_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /** The address of {@link #DEV_SEQUENCER_KEY}, named by the built-in dev genesis. */
    public static final Address DEV_SEQUENCER_ADDRESS = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    private DevKeys() {
    }
}
