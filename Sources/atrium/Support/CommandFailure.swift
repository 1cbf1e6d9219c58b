/// A command that could not do its job for a reason outside its arguments (the server refused,
/// the building has no points): printed as `Error: …` without the usage text a
/// `ValidationError` brings.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
