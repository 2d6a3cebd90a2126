@testable import Copydesk

extension PipelineLoader {
    /// The first line of each error loading `yaml` (as `pipeline.yaml`) reports, in order;
    /// empty when it loads.
    func errorLines(_ yaml: String) -> [String] {
        do {
            _ = try load(yaml: yaml, file: "pipeline.yaml")
            return []
        } catch let errors as ConfigErrors {
            return errors.errors.map(\.description)
        } catch {
            return ["unexpected \(type(of: error)): \(error)"]
        }
    }
}
