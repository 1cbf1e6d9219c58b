import Logging
import TwinServices

/// Installs the process-wide log handler once, before anything logs.
enum LogBootstrap {
    static func install(level: AtriumConfiguration.LogLevel, format: AtriumConfiguration.LogFormat) -> Logger {
        let swiftLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: swiftLevel)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = swiftLevel
                return handler
            }
        }
        var logger = Logger(label: "atrium")
        logger.logLevel = swiftLevel
        return logger
    }
}
