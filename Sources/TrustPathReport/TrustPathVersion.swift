/// The version written into outputs (manifest.json, method notes) and printed by `trustpath --version`.
public enum TrustPathVersion {
    public static let current = "0.1.0"
}
