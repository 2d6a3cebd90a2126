/// The version of Copydesk, printed by `copydesk --version` and recorded in run reports.
public enum CopydeskVersion {
    /// Semantic version of this build.
    public static let current = "0.2.0"
}
