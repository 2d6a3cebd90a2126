/// Builds the stages of one plan, giving each a context labelled with its name, and gathers
/// the errors they report so a plan fails with all of them at once.
struct StageBuilder {
    private let definition: PipelineDefinition
    private var context: StageContext
    private var configErrors: [ConfigError] = []
    private var otherError: (any Error)?

    /// Prepares to build the stages of `definition`; every stage shares the state stores of
    /// `context`.
    init(definition: PipelineDefinition, context: StageContext) {
        var shared = context
        shared.run.pipeline = definition.name
        shared.run.configHash = definition.configHash
        self.definition = definition
        self.context = shared
    }

    /// Gives every stage built from now on the run's `intake`.
    mutating func share(_ intake: FileIntake) {
        context.intake = intake
    }

    /// Builds one stage, or records why it could not be built and returns `nil`.
    mutating func build<Built>(_ entry: StageDefinition<Built>) -> Built? {
        var stageContext = context
        stageContext.logger[metadataKey: "stage"] = "\(entry.typeName)"
        return attempt { try entry.build(context: stageContext) }
    }

    /// Runs one step of building the plan, or records why it failed and returns `nil`.
    mutating func attempt<Value>(_ step: () throws -> Value) -> Value? {
        do {
            return try step()
        } catch let error as ConfigError {
            configErrors.append(error)
        } catch {
            otherError = otherError ?? error
        }
        return nil
    }

    /// Throws the configuration errors of every stage as one ``ConfigErrors``, or else the
    /// first other error a stage threw.
    func throwErrors() throws {
        if !configErrors.isEmpty { throw ConfigErrors(configErrors, text: definition.text, included: definition.includedTexts) }
        if let otherError { throw otherError }
    }
}
