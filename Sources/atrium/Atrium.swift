import ArgumentParser

/// The `atrium` command: the only place that wires concrete stores to the services.
@main
struct Atrium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atrium",
        abstract: "Facility BIM and asset twin service.",
        subcommands: [
            ServeCommand.self,
            MigrateCommand.self,
            COBieCommand.self,
            UserCommand.self,
            IFCCommand.self,
            ImportCommand.self,
            AuditCommand.self,
            MQTTCommand.self,
            SimulateCommand.self,
            WatchCommand.self,
        ]
    )
}
