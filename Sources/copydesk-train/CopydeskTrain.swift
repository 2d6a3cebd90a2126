import ArgumentParser

/// `copydesk-train`: reproducible training of the models Copydesk ships.
@main
struct CopydeskTrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk-train", abstract: "Trains the models Copydesk ships in Sources/Copydesk/Resources.",
        subcommands: [TrainEntityModel.self])
}
